"""Settings load in order: defaults, file, environment, --set, explicit arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.config import SETTINGS, Settings, load_settings, setting_help
from parallax.errors import ConfigError


def test_defaults() -> None:
    assert load_settings(environ={}, config_file=None).db == Settings().db


def test_load_order(tmp_path: Path) -> None:
    config = tmp_path / "p.toml"
    config.write_text('[parallax]\ndb = "from-file.db"\nmax_file_bytes = 10\ncommit_every = 7\n')
    env = {"PARALLAX_DB": "from-env.db", "PARALLAX_MAX_FILE_BYTES": "20"}
    settings = load_settings(config_file=config, environ=env, overrides=["max_file_bytes=30"])
    assert settings.db == "from-env.db"
    assert settings.max_file_bytes == 30
    assert settings.commit_every == 7
    assert load_settings(config_file=config, environ=env, db="explicit.db").db == "explicit.db"


def test_a_boolean_setting_reads_words_and_toml_booleans(tmp_path: Path) -> None:
    config = tmp_path / "p.toml"
    config.write_text("[parallax]\nsentence_vectors = false\n")
    assert load_settings(config_file=config, environ={}).sentence_vectors is False
    for word, value in (("off", False), ("0", False), ("True", True), ("yes", True)):
        env = {"PARALLAX_SENTENCE_VECTORS": word}
        assert load_settings(environ=env, config_file=None).sentence_vectors is value


@pytest.mark.parametrize(
    "overrides",
    [["nonsense=1"], ["max_file_bytes=lots"], ["no-equals-sign"], ["sentence_vectors=maybe"]],
)
def test_bad_settings_raise_config_error(overrides: list[str]) -> None:
    with pytest.raises(ConfigError):
        load_settings(environ={}, overrides=overrides)


def test_every_setting_has_help() -> None:
    table = setting_help()
    assert set(table) == set(SETTINGS)
    assert all(help_text for _, _, help_text in table.values())
