"""Events' list-of-choices field (audience, age bands); the implementation is shared."""

from sitecontent.fields import ChoicesListField as SharedChoicesListField
from sitecontent.fields import json_list_has

__all__ = ["ChoicesListField", "json_list_has"]


class ChoicesListField(SharedChoicesListField):
    """Blank by default: an event may leave audience or ages open."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
