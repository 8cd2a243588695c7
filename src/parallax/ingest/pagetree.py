"""Parse a decoded HTML page into the tree trafilatura reads, as ``trafilatura.load_html`` does,
with lxml's element classes chosen in C.

``trafilatura.load_html`` parses with an ``lxml.html.HTMLParser``, whose element class lookup is
a Python method: lxml calls it every time it hands Python an element it has not handed over
before (each XPath result, each step of an iteration), about three thousand times a page in
extraction, metadata and titles. The parser here has the same options and looks the class up
in C: every element is an ``lxml.html.HtmlElement``, and so are its copies (a tree's copies keep
its parser). What it gives up are the form classes of ``lxml.html`` (``FormElement``,
``InputElement``, …: the ``value``, ``fields`` and ``action`` helpers of form fields), which
neither trafilatura, htmldate nor Parallax uses. The parsing steps are trafilatura's own
(its repairs and its check that the input is HTML), so the tree is the same, node for node (a
test holds the two to each other).
"""

from __future__ import annotations

import logging

from lxml.etree import ElementDefaultClassLookup
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import is_dubious_html, repair_faulty_html

logger = logging.getLogger(__name__)


def _parser() -> HTMLParser:
    """Return a parser with ``trafilatura.utils.HTML_PARSER``'s options and a C class lookup."""
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    lookup = ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
    parser.set_element_class_lookup(lookup)
    return parser


PARSER = _parser()


def _from_bytes(html: str) -> HtmlElement | None:
    """Parse the page's UTF-8 bytes (``trafilatura.utils.fromstring_bytes``)."""
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=PARSER)
    except Exception as error:
        logger.debug("lxml cannot parse the page's bytes: %s", error)
    return None


def load_page(html: str) -> HtmlElement | None:
    """Return the tree ``trafilatura.load_html(html)`` returns for a decoded page, or None when
    it is no HTML (see the module docstring)."""
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree: HtmlElement | None = None
    from_bytes = False
    try:
        tree = fromstring(html, parser=PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _from_bytes(html), True
    except Exception as error:
        logger.debug("lxml cannot parse the page: %s", error)
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(html)
    # trafilatura's test that the input is HTML at all: a page that names no html element
    # must parse into at least two elements.
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree
