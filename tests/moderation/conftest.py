from tests.stories.conftest import isolated_storage, stories_tree  # noqa: F401 (fixtures shared with stories)
