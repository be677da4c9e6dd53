"""config.toml: documented template on first run, validation, theme saved keeping comments."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui_reader import paths
from tui_reader.config import TEMPLATE, Config, config_path, load_config, save_theme


@pytest.fixture(autouse=True)
def _config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "config"))
    return tmp_path / "config"


def test_first_run_creates_a_commented_template(_config_home: Path) -> None:
    config, warnings = load_config()
    assert warnings == []
    assert config == Config()
    path = _config_home / "config.toml"
    assert config_path() == path
    text = path.read_text()
    assert text == TEMPLATE
    for setting in ("theme", "wrap_width", "[keys]"):
        assert setting in text
    assert sum(line.startswith("#") for line in text.splitlines()) >= 10
    tomllib.loads(text)


def test_settings_are_read() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text(
        'theme = "nord"\nwrap_width = 72\n[keys]\n"tree.next" = "j, down"\n'
    )
    config, warnings = load_config()
    assert warnings == []
    assert config == Config(theme="nord", wrap_width=72, keys={"tree.next": "j,down"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wrap_width = -3\n", Config()),
        ("wrap_width = true\n", Config()),
        ('wrap_width = "wide"\ntheme = "nord"\n', Config(theme="nord")),
        ("theme = 5\n", Config()),
        ("keys = 3\n", Config()),
        ('colour = "red"\n', Config()),
        ('[keys]\n"a.b" = 1\n"c.d" = "x"\n', Config(keys={"c.d": "x"})),
    ],
)
def test_invalid_settings_warn_and_keep_the_rest(text: str, expected: Config) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text(text)
    config, warnings = load_config()
    assert config == expected
    assert len(warnings) == 1 and "\n" not in warnings[0]


def test_broken_toml_gives_one_warning_and_defaults() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('theme = "nord\nwrap_width = [\n')
    config, warnings = load_config()
    assert config == Config()
    assert len(warnings) == 1 and "broken" in warnings[0] and "\n" not in warnings[0]


def test_unwritable_config_location_still_yields_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(blocker / "config"))
    config, warnings = load_config()
    assert config == Config()
    assert len(warnings) == 1
    assert save_theme("nord")[0].startswith("theme is not saved")


def test_save_theme_keeps_comments_and_replaces_one_line() -> None:
    load_config()
    assert save_theme("gruvbox") == []
    text = config_path().read_text()
    assert load_config()[0].theme == "gruvbox"
    assert '# theme = "textual-dark"' in text  # the documented example stays
    assert save_theme('odd "name"') == []
    after = config_path().read_text()
    assert load_config()[0].theme == 'odd "name"'
    assert len(after.splitlines()) == len(text.splitlines())
    assert [line for line in after.splitlines() if "theme =" not in line] == [
        line for line in text.splitlines() if "theme =" not in line
    ]


def test_save_theme_on_a_user_file_without_a_theme_line() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('# mine\nwrap_width = 60\n[keys]\n"x.y" = "z"')
    assert save_theme("nord") == []
    config, warnings = load_config()
    assert warnings == []
    assert config == Config(theme="nord", wrap_width=60, keys={"x.y": "z"})
    assert config_path().read_text().startswith("# mine\n")


def test_save_theme_refuses_to_touch_a_broken_file() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("wrap_width = = 3\n")
    assert save_theme("nord")[0].startswith("theme is not saved")
    assert config_path().read_text() == "wrap_width = = 3\n"


def test_the_stored_template_data_is_the_template() -> None:
    """config.py reads an untouched template from a stored dict (no tomllib at start-up);
    the two must never drift apart."""
    import tomllib

    from tui_reader import config

    assert tomllib.loads(config.TEMPLATE) == config._TEMPLATE_DATA
