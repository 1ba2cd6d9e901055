"""Units are generic: any registered model, any nesting of text blocks in a StreamField."""

from __future__ import annotations

from wagtail import blocks

from translations.workflow.units import RICH, stream_leaves, text_fields


class Inner(blocks.StructBlock):
    caption = blocks.CharBlock()
    url = blocks.URLBlock(required=False)  # not text for translators


class Nested(blocks.StreamBlock):
    note = blocks.TextBlock()
    rich = blocks.RichTextBlock(features=["bold", "link"])
    cards = blocks.ListBlock(Inner())
    section = blocks.StructBlock(
        [("heading", blocks.CharBlock()), ("inner", blocks.StreamBlock([("t", blocks.CharBlock())]))]
    )


def test_walks_streams_structs_and_lists_with_paths():
    raw = [
        {"type": "note", "id": "a", "value": "Plain"},
        {"type": "rich", "id": "b", "value": "<p><b>Bold</b></p>"},
        {
            "type": "cards",
            "id": "c",
            "value": [
                {"type": "item", "id": "c1", "value": {"caption": "One", "url": "https://example.org"}},
                {"caption": "Two (old list format)", "url": ""},
            ],
        },
        {
            "type": "section",
            "id": "d",
            "value": {"heading": "Head", "inner": [{"type": "t", "id": "d1", "value": "Deep"}]},
        },
        {"type": "unknown", "id": "e", "value": "ignored"},
    ]
    leaves = {leaf.path: leaf for leaf in stream_leaves(Nested(), raw)}
    assert sorted(leaves) == sorted(["/a", "/b", "/c/c1/caption", "/c/1/caption", "/d/heading", "/d/inner/d1"])
    assert leaves["/d/inner/d1"].text == "Deep"
    assert isinstance(leaves["/b"].block, blocks.RichTextBlock)
    # Writing through a leaf changes the raw data in place (how imports rebuild a stream).
    leaves["/c/1/caption"].container[leaves["/c/1/caption"].slot] = "Dois"
    assert raw[2]["value"][1]["caption"] == "Dois"


def test_every_registered_page_model_has_its_text_fields():
    from sitecontent.models import HomePage, RegionPage, StandardPage

    for model in (HomePage, RegionPage, StandardPage):
        fields = text_fields(model)
        assert fields[:3] == ("title", "seo_title", "search_description")
        assert "intro" in fields and "body" in fields
        assert "slug" not in fields and "url_path" not in fields
    assert RICH == "rich"
