// A story page served while its comparison is being computed fills itself: it asks the
// server for the page's body (/stories/{id}/body: 202 while the comparison is being
// computed, then the same HTML the whole page shows), with growing pauses, and puts that body
// in place of its own, keeping the outlet tab the reader chose. It stops when the body is
// there, when the server says no (an error, a body over LARGEST characters) or after TRIES;
// then the section's reload link is the way, as it is without script. Nothing else runs: a
// page whose comparison is there has no script at all.
(() => {
  "use strict";
  const FIRST_PAUSE_MS = 1000;
  const LAST_PAUSE_MS = 15000;
  const GROWTH = 1.5;
  const TRIES = 60; // about 14 minutes in all
  const LARGEST = 4 * 1024 * 1024; // characters: the server caches no larger answer

  const section = document.getElementById("comparison-pending");
  const source = section && section.dataset.fill;
  const story = section && section.closest("article.story");
  if (!source || !source.startsWith("/") || source.startsWith("//") || !story) {
    return;
  }
  const status = section.querySelector(".fill-status");
  let pause = FIRST_PAUSE_MS;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function again(tries) {
    if (tries >= TRIES) {
      say("Still being computed: reload this page later to see the comparison.");
      return;
    }
    window.setTimeout(() => ask(tries + 1), pause);
    pause = Math.min(LAST_PAUSE_MS, pause * GROWTH);
  }

  function fill(html) {
    const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("article.story");
    if (!fresh || fresh.querySelector("#comparison-pending")) {
      return false;
    }
    const chosen = story.querySelector("input[name='outlet-tab']:checked");
    const body = document.adoptNode(fresh);
    story.replaceWith(body);
    const tab = chosen && body.querySelector(`input[name='outlet-tab'][value='${CSS.escape(chosen.value)}']`);
    if (tab) {
      tab.checked = true;
    }
    return true;
  }

  async function ask(tries) {
    let answer;
    try {
      answer = await fetch(source, {
        cache: "no-store",
        credentials: "same-origin",
        headers: { Accept: "text/html" },
        redirect: "error",
      });
    } catch (error) {
      again(tries); // the network or the server is away for a moment
      return;
    }
    if (answer.status === 202) {
      again(tries);
      return;
    }
    const type = answer.headers.get("Content-Type") || "";
    if (!answer.ok || !type.startsWith("text/html")) {
      say("The comparison could not be shown here: reload this page.");
      return;
    }
    const html = await answer.text();
    if (html.length > LARGEST || !fill(html)) {
      say("The comparison is ready: reload this page to see it.");
    }
  }

  again(0);
})();
