"""Read a rendered admin form back into POST data, as a browser would submit it."""

from html.parser import HTMLParser

SKIPPED_TYPES = {"submit", "button", "file", "image", "reset"}


class _FormParser(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.select_default: str | None = None
        self.select_chosen = False
        self.in_option = False
        self.option_selected = False
        self.option_value: str | None = None
        self.option_text = ""
        self.textarea: str | None = None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "name" not in attrs and tag not in ("option",):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in SKIPPED_TYPES or "disabled" in attrs:
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.add(self.textarea, "")
        elif tag == "select":
            self.select, self.select_chosen, self.select_default = attrs["name"], False, None
        elif tag == "option" and self.select:
            self.in_option = True
            self.option_value = attrs.get("value")
            self.option_text = ""
            self.option_selected = "selected" in attrs
            self.select_chosen = self.select_chosen or self.option_selected

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data
        elif self.in_option:
            self.option_text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "option" and self.select:
            value = self.option_value if self.option_value is not None else self.option_text
            if self.option_selected:
                self.add(self.select, value)
            elif self.select_default is None:
                self.select_default = value
            self.in_option = False
        elif tag == "select" and self.select:
            # A browser submits a single select's first option when none is marked selected.
            if not self.select_chosen and self.select_default is not None:
                self.add(self.select, self.select_default)
            self.select = None


def form_data(response, form_id: str) -> dict[str, list[str] | str]:
    """Return what submitting the form `form_id` of `response` unchanged would post."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    return {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}
