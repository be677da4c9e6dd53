"""ctrl+p offers the reader's own actions, named and keyed as in help, and runs them."""

from __future__ import annotations

from pilot_support import palette_prompts, pilot_test, reader_app, wait_for_workers
from tui_reader.palette import TREE_COMMAND_IDS
from tui_reader.screens.related import RelatedScreen


@pilot_test
async def test_the_palette_finds_and_runs_the_readers_actions(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for_workers(pilot)
        tree = app.comment_tree
        starters = [c.id for c in demo.comments if c.parent is None and
                    any(r.parent == c.id for r in demo.comments)]
        assert not any(tree.is_collapsed(cid) for cid in starters)
        prompts = await palette_prompts(pilot, "fold all")
        assert prompts[0].startswith("Fold all") and "key -" in prompts[0], prompts[0]
        await pilot.press("enter")
        await pilot.pause()
        assert all(tree.is_collapsed(cid) for cid in starters), "ran on the comment tree"

        prompts = await palette_prompts(pilot, "related")
        assert prompts[0].startswith("Related videos") and "key R" in prompts[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen), "ran on the app"


@pilot_test
async def test_the_readers_key_list_replaces_textuals_and_cursor_moves_are_left_out(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for_workers(pilot)
        commands = list(app.get_system_commands(app.screen))
        titles = [command.title for command in commands]
        assert titles.count("Keys") == 1 and titles.count("Quit") == 1
        keys = next(command for command in commands if command.title == "Keys")
        assert "key ?" in keys.help, "ours (the key list), not Textual's help panel"
        assert "Theme" in titles, "Textual's own commands stay"
        assert "Down" not in titles and "Page down" not in titles
        tree_titles = {
            binding.description for _key, binding in app.comment_tree._bindings
            if binding.id in TREE_COMMAND_IDS
        }
        assert tree_titles <= set(titles) and len(tree_titles) >= 5
