"""scripts.memory: collections inside a build skip what was held before it, and nothing stays frozen after it."""
from __future__ import annotations

import gc
import weakref

import pytest

from scripts.memory import older_objects_frozen, release_memory


class _Node:
    pass


def _cycle() -> weakref.ref:
    """A reference cycle nobody holds (only a collection frees it), returned as a weak reference to watch it."""
    node = _Node()
    node.itself = node
    return weakref.ref(node)


def test_objects_held_before_the_block_are_frozen_only_while_it_runs():
    before = gc.get_freeze_count()
    with older_objects_frozen():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0


def test_garbage_made_inside_the_block_is_still_collected():
    with older_objects_frozen():
        made_inside = _cycle()
        release_memory()
        assert made_inside() is None


def test_garbage_from_before_the_block_waits_until_it_ends():
    made_before = _cycle()
    with older_objects_frozen():
        release_memory()
        assert made_before() is not None  # frozen: not the step's garbage, so not visited
    gc.collect()
    assert made_before() is None


def test_nested_blocks_freeze_once_and_an_error_unfreezes():
    with pytest.raises(RuntimeError):
        with older_objects_frozen():
            frozen = gc.get_freeze_count()
            with older_objects_frozen():
                assert gc.get_freeze_count() == frozen  # the inner block freezes nothing more
            assert gc.get_freeze_count() == frozen  # nor unfreezes what the outer froze
            raise RuntimeError("a failed build")
    assert gc.get_freeze_count() == 0


def test_a_decorated_function_keeps_its_name_and_docstring():
    from scripts.build import build
    from scripts.package.validate import validate_package

    assert build.__name__ == "build" and "Build, validate and publish" in build.__doc__
    assert validate_package.__name__ == "validate_package" and "Every problem" in validate_package.__doc__
