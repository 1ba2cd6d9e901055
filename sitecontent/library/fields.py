"""The library's list-of-codes field; the implementation is shared (sitecontent.fields).

The library never filters on these columns: facets are read from ``LibraryFacet`` rows
written on publish.
"""

from sitecontent.fields import ChoicesListField


class CodeListField(ChoicesListField):
    """Takes its codes as ``vocabulary`` (the name its migrations record)."""

    def __init__(self, *args, vocabulary=(), **kwargs):
        super().__init__(*args, list_choices=vocabulary, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["vocabulary"] = kwargs.pop("list_choices")
        return name, path, args, kwargs
