"""What a browser posts back from a page's form, read from its HTML as a browser reads it: a
select with no option selected sends its first option, an unchecked box sends nothing. Tests
that post hand-made data cannot see a form that only a browser's defaults break."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # each a list of (name, value)
        self._form = None
        self._select = None  # [name, multiple, options, selected]
        self._option = None  # [value, text]
        self._textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and "name" in attrs and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form["fields"].append((attrs["name"], attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._form["fields"].append((attrs["name"], attrs.get("value", "")))
        elif tag == "select" and "name" in attrs and "disabled" not in attrs:
            self._select = [attrs["name"], "multiple" in attrs, [], []]
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), ""]
            if "selected" in attrs:
                self._select[3].append(self._option)
            self._select[2].append(self._option)
        elif tag == "textarea" and "name" in attrs:
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, options, selected = self._select
            if not selected and not multiple and options:
                selected = options[:1]
            for value, text in selected:
                self._form["fields"].append((name, text.strip() if value is None else value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form["fields"].append((name, text.removeprefix("\n")))
            self._textarea = None


def posted_back(html, having):
    """The fields of the page's POST form that has a field named ``having``, as a dict for the
    test client (a name sent more than once gives a list)."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        names = [name for name, _value in form["fields"]]
        if form["method"] == "post" and having in names:
            data = {}
            for name, value in form["fields"]:
                if name in data:
                    kept = data[name] if isinstance(data[name], list) else [data[name]]
                    data[name] = [*kept, value]
                else:
                    data[name] = value
            return data
    raise AssertionError(f"no POST form with a field named {having!r}")
