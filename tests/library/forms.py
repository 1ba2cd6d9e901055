"""Submit a page's form as a browser without JavaScript would (HTML's form data set rules).

Controls belong to a form when they are inside it (and name no other form) or name it in
their ``form`` attribute; they are taken in document order; only the clicked button's own
name and value are sent, and its ``formaction`` replaces the form's action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit


@dataclass
class Control:
    tag: str
    attrs: dict
    options: list = field(default_factory=list)  # (value, selected) for <select>


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.form_attrs = None
        self.depth_in_form = 0
        self.controls: list[Control] = []
        self._select = None
        self._option = None

    def _belongs(self, attrs):
        if "form" in attrs:
            return attrs["form"] == self.form_id
        return self.depth_in_form > 0

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            if attrs.get("id") == self.form_id:
                self.form_attrs = attrs
                self.depth_in_form = 1
            elif self.depth_in_form:
                self.depth_in_form += 1
            return
        if tag in ("input", "button") and self._belongs(attrs):
            self.controls.append(Control(tag, attrs))
        elif tag == "select" and self._belongs(attrs):
            self._select = Control(tag, attrs)
            self.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
            self._select.options.append(self._option)

    def handle_data(self, data):
        if self._option is not None and self._option[0] is None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.depth_in_form:
            self.depth_in_form -= 1
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def form_request(html: str, form_id: str, *, click=None, tick=(), untick=(), choose=None) -> tuple[str, str, list]:
    """(method, action, [(name, value), …]) for submitting form ``form_id``.

    ``click`` is (name, value) of the submit button pressed (None: press Enter in the form);
    ``tick``/``untick`` are (name, value) checkboxes the visitor changes first; ``choose``
    maps a select's name to the value picked.
    """
    parser = _FormParser(form_id)
    parser.feed(html)
    assert parser.form_attrs is not None, f"no form #{form_id}"
    tick, untick, choose = set(tick), set(untick), dict(choose or {})
    method = parser.form_attrs.get("method", "get").lower()
    action = parser.form_attrs.get("action", "")
    data = []
    pressed = None
    for control in parser.controls:
        attrs = control.attrs
        name = attrs.get("name")
        if control.tag == "button" or attrs.get("type") == "submit":
            if click is not None and (name, attrs.get("value", "")) == tuple(click) and pressed is None:
                pressed = control
                if name:
                    data.append((name, attrs.get("value", "")))
            continue
        if not name or "disabled" in attrs:
            continue
        if control.tag == "select":
            options = [(value if value is not None else text, selected) for value, selected, text in control.options]
            value = choose.get(name) or next((v for v, selected in options if selected), options[0][0])
            assert value in [v for v, _selected in options], f"{value} is not an option of {name}"
            data.append((name, value))
            continue
        kind = attrs.get("type", "text")
        if kind == "checkbox":
            key = (name, attrs.get("value", "on"))
            if (("checked" in attrs) or key in tick) and key not in untick:
                data.append(key)
        else:
            data.append((name, attrs.get("value", "")))
    if click is not None:
        assert pressed is not None, f"no button {click} for form #{form_id}"
        action = pressed.attrs.get("formaction", action)
        method = pressed.attrs.get("formmethod", method).lower()
    for key in tick:
        assert key in data, f"no checkbox {key} in form #{form_id}"
    return method, action, data


def submit(client, response, form_id, **kwargs):
    """Submit ``form_id`` of ``response`` with the test client, as the browser would."""
    method, action, data = form_request(response.content.decode(), form_id, **kwargs)
    path = urlsplit(action).path or response.wsgi_request.path
    if method == "get":
        return client.get(f"{path}?{urlencode(data)}")
    return client.post(path, urlencode(data), content_type="application/x-www-form-urlencoded")
