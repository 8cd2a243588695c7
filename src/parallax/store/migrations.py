"""Versioned schema migrations, applied in order; ``PRAGMA user_version`` records the last."""

from __future__ import annotations

import sqlite3

# The triggers that keep the full-text index in step with ``articles``: migration 1 made them,
# and migration 9 makes them again over the rebuilt index. The text starts after the statement
# before it and ends at the next one's indent, so both scripts read as they always did.
_FTS_TRIGGERS = """
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, outlets, rejections, runs, the ingest ledger, fingerprints and search.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE outlets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        profile TEXT NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        record TEXT,
        format TEXT NOT NULL,
        url TEXT,
        canonical_url TEXT,
        title TEXT,
        published TEXT,
        published_source TEXT NOT NULL,
        outlet_id TEXT REFERENCES outlets(id),
        outlet TEXT,
        outlet_evidence TEXT,
        author TEXT,
        language TEXT,
        external_id TEXT,
        text TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        segments TEXT NOT NULL,
        removals TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        flags TEXT NOT NULL,
        duplicate_of TEXT,
        run_id INTEGER REFERENCES runs(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_outlet ON articles(outlet_id);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_duplicate ON articles(duplicate_of);
    CREATE TABLE fingerprints (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        signature BLOB NOT NULL
    );
    CREATE TABLE fingerprint_bands (
        band INTEGER NOT NULL,
        key BLOB NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (band, key, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        source TEXT NOT NULL,
        record TEXT NOT NULL DEFAULT '',
        stage TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (source, record, stage, code, reason)
    );
    CREATE TABLE ledger (
        source TEXT NOT NULL,
        digest TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        articles INTEGER NOT NULL,
        rejections INTEGER NOT NULL,
        PRIMARY KEY (source, digest)
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61'
    );"""
    + _FTS_TRIGGERS,
    # 2: what the NLP stage found: mentions, canonical entities, quotes, time
    # expressions, claims; every row with offsets into the article's cleaned text and the
    # versioned name of its extractor. `analyses` records which version analysed an article.
    """
    CREATE TABLE analyses (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        version TEXT NOT NULL,
        analyzed_at TEXT NOT NULL
    );
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        aliases TEXT NOT NULL,
        roles TEXT NOT NULL
    );
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        role TEXT,
        extractor TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE INDEX mentions_name ON mentions(label, entity);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id),
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        speaker_id TEXT,
        speaker_text TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        extractor TEXT NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_id);
    CREATE INDEX quotes_speaker_name ON quotes(speaker);
    CREATE TABLE time_expressions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT,
        extractor TEXT NOT NULL
    );
    CREATE INDEX time_expressions_article ON time_expressions(article_id);
    CREATE TABLE claims (
        article_id TEXT NOT NULL REFERENCES articles(id),
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        score REAL NOT NULL,
        quantities TEXT NOT NULL,
        extractor TEXT NOT NULL
    );
    CREATE INDEX claims_article ON claims(article_id);
    """,
    # 3: keyset pagination for the API and web: newest first, by outlet.
    """
    CREATE INDEX articles_published_id ON articles(published, id);
    CREATE INDEX articles_outlet_published ON articles(outlet_id, published, id);
    """,
    # 4: stories: each article's story with the explanation of its assignment, the
    # stories themselves, and the grouper's state so the next run goes on incrementally.
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        entities TEXT NOT NULL,
        outlets TEXT NOT NULL,
        article_count INTEGER NOT NULL,
        grouper TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_last_seen ON stories(last_seen, id);
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        story_id TEXT NOT NULL,
        explanation TEXT NOT NULL,
        grouper TEXT NOT NULL,
        assigned_at TEXT NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE story_index (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        snapshot TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
    # 5: the cache of story comparisons: one JSON document per story, with the hash
    # of what it was computed from (articles, analyses, outlet profiles, comparison version).
    """
    CREATE TABLE comparisons (
        story_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        version TEXT NOT NULL,
        document TEXT NOT NULL,
        computed_at TEXT NOT NULL
    );
    """,
    # 6: story embeddings computed ahead by the run workers: the embedder's versioned
    # name, the SHA-256 of the exact text embedded, the vector as little-endian float32 bytes.
    """
    CREATE TABLE article_embeddings (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        embedder TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        vector BLOB NOT NULL
    );
    """,
    # 7: revisions: every text an article was captured with (the article row shows the latest),
    # and the capture time a crawler recorded. Existing articles become their first revision.
    """
    ALTER TABLE articles ADD COLUMN captured TEXT;
    CREATE TABLE revisions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        content_hash TEXT NOT NULL,
        captured TEXT,
        source TEXT NOT NULL,
        record TEXT,
        title TEXT,
        text TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id),
        ingested_at TEXT NOT NULL,
        PRIMARY KEY (article_id, content_hash)
    );
    INSERT INTO revisions
        SELECT id, content_hash, NULL, source, record, title, text, run_id, ingested_at
        FROM articles;
    CREATE INDEX articles_canonical ON articles(canonical_url);
    """,
    # 8: the event each time expression dates (its governing predicate's span, tense, role).
    """
    ALTER TABLE time_expressions ADD COLUMN event_start INTEGER;
    ALTER TABLE time_expressions ADD COLUMN event_end INTEGER;
    ALTER TABLE time_expressions ADD COLUMN event_tense TEXT;
    ALTER TABLE time_expressions ADD COLUMN event_role TEXT;
    """,
    # 9: languages. The full-text index is rebuilt to fold every diacritic (remove_diacritics
    # 2; unicode61 already splits and case-folds Cyrillic, Greek and the other cased scripts).
    # Chinese, Japanese and Korean are written without spaces, so unicode61 takes a whole run
    # of characters for one word: a second index of character trigrams holds the articles in
    # those languages. An analysis may be a skip, with its reason (no pipeline for the
    # language). Existing articles keep the language their source declared (or NULL).
    """
    DROP TRIGGER articles_fts_insert;
    DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');"""  # noqa: S608 (constant text)
    + _FTS_TRIGGERS
    + """CREATE VIRTUAL TABLE articles_fts_cjk USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='trigram'
    );
    INSERT INTO articles_fts_cjk(rowid, title, text)
        SELECT rowid, title, text FROM articles WHERE language IN ('zh', 'ja', 'ko');
    CREATE TRIGGER articles_fts_cjk_insert AFTER INSERT ON articles
    WHEN new.language IN ('zh', 'ja', 'ko') BEGIN
        INSERT INTO articles_fts_cjk(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_cjk_delete AFTER DELETE ON articles
    WHEN old.language IN ('zh', 'ja', 'ko') BEGIN
        INSERT INTO articles_fts_cjk(articles_fts_cjk, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_cjk_update AFTER UPDATE OF title, text, language ON articles BEGIN
        INSERT INTO articles_fts_cjk(articles_fts_cjk, rowid, title, text)
        SELECT 'delete', old.rowid, old.title, old.text WHERE old.language IN ('zh', 'ja', 'ko');
        INSERT INTO articles_fts_cjk(rowid, title, text)
        SELECT new.rowid, new.title, new.text WHERE new.language IN ('zh', 'ja', 'ko');
    END;
    CREATE INDEX articles_language ON articles(language);
    ALTER TABLE analyses ADD COLUMN skipped TEXT;
    """,
    # 10: sentence vectors computed at analyze time for the comparison's models, keyed by the
    # embedder's versioned name and the SHA-256 of the exact text: a text's vector, whatever
    # article or story it is in (little-endian float32 bytes).
    """
    CREATE TABLE sentence_vectors (
        embedder TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (embedder, text_sha256)
    ) WITHOUT ROWID;
    """,
    # 11: the grouper's state one row per story, so that a batch rewrites only the stories it
    # changed (each row's digest tells which); story_index keeps the rest of the state. A
    # state saved whole before stays readable, and is split at its next save.
    """
    CREATE TABLE story_states (
        story_id TEXT PRIMARY KEY,
        digest BLOB NOT NULL,
        state TEXT NOT NULL
    );
    """,
    # 12: each story's neutral title (parallax.titles: a wording several outlets share, else
    # the shared event, never one outlet's headline), written by the comparison stage so that
    # lists show it without reading articles. NULL until the story is compared; ``title``
    # stays the grouper's choice (the headline of its most central article).
    """
    ALTER TABLE stories ADD COLUMN neutral_title TEXT;
    """,
    # 13: what the comparison's framing models find in one article's text (loaded terms,
    # persuasion techniques, biased sentences, its sentences), as JSON: computed once per
    # article, whatever story it is compared in. Keyed by the text's content hash and the
    # framing's versioned name (models and cut-offs), so a new text or model reads nothing old.
    """
    CREATE TABLE framing_findings (
        article_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        version TEXT NOT NULL,
        findings TEXT NOT NULL,
        PRIMARY KEY (article_id, content_hash, version)
    ) WITHOUT ROWID;
    """,
    # 14: the event mentions of each article's claims (parallax.nlp.event_mentions), written
    # with the rest of its analysis: the trigger's span, the claim's span, the trigger's
    # lemmas and words around it, and its arguments (who, to whom, where, when, names) as
    # JSON, so that the story comparison clusters events without parsing again.
    """
    CREATE TABLE event_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        claim_start INTEGER NOT NULL,
        claim_end INTEGER NOT NULL,
        trigger TEXT NOT NULL,
        head TEXT NOT NULL,
        lemmas TEXT NOT NULL,
        pos TEXT NOT NULL,
        context_window TEXT NOT NULL,
        arguments TEXT NOT NULL,
        extractor TEXT NOT NULL
    );
    CREATE INDEX event_mentions_article ON event_mentions(article_id);
    """,
    # 15: each story's timeline as built when its articles were grouped or analysed, keyed by
    # a hash of what it is built from, so that a story page reads it instead of building it.
    """
    CREATE TABLE story_timelines (
        story_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        entries TEXT NOT NULL
    );
    """,
    # 16: an article's LSH band rows by article, so that re-fingerprinting a revised article
    # or linking a near-duplicate without its keys deletes its rows without scanning every
    # article's (the table is keyed by band and key: 0.11 CPU s a delete at 74k articles).
    """
    CREATE INDEX fingerprint_bands_article ON fingerprint_bands(article_id);
    """,
    # 17: what a corpus was built with, one row per name (parallax.store.corpus_settings).
    # ``minilm``: the versioned name of the MiniLM its vectors, grouper state and findings
    # come from. A corpus made before holds fp32 MiniLM's (the int8 one was off by default),
    # unless it holds the int8 one's and none of fp32's (made under PARALLAX_MINILM_INT8=1);
    # an empty one records the MiniLM chosen when it is first opened.
    """
    CREATE TABLE corpus_settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO corpus_settings (name, value)
    SELECT 'minilm', CASE
        WHEN (
            EXISTS (SELECT 1 FROM sentence_vectors WHERE embedder = :int8)
            OR EXISTS (SELECT 1 FROM article_embeddings WHERE embedder = :int8)
            OR EXISTS (SELECT 1 FROM story_index WHERE json_extract(snapshot, '$.embedder') = :int8)
        ) AND NOT (
            EXISTS (SELECT 1 FROM sentence_vectors WHERE embedder = :fp32)
            OR EXISTS (SELECT 1 FROM article_embeddings WHERE embedder = :fp32)
            OR EXISTS (SELECT 1 FROM story_index WHERE json_extract(snapshot, '$.embedder') = :fp32)
        ) THEN :int8 ELSE :fp32 END
    WHERE EXISTS (SELECT 1 FROM articles);
    """.replace(":int8", "'parallax.embedders.minilm-int8.v2'").replace(
        ":fp32", "'parallax.embedders.minilm.v1'"
    ),
)


def schema_version(connection: sqlite3.Connection) -> int:
    """Return the number of migrations applied to this database."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> int:
    """Apply every migration not yet applied, each in its own transaction; return the version."""
    version = schema_version(connection)
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return schema_version(connection)
