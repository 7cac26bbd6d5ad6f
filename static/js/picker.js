/* Long multiple choices (languages, countries) as pickers: type to narrow the list, tick what
 * you want, see what is chosen and remove it again.
 *
 * The native <select multiple> stays in the form, hidden, and keeps the choice: the form sends
 * the same query string with or without this script, and works without it. The words shown
 * come from the template (data-picker-* attributes), translated there. No inline styles: the
 * site's Content-Security-Policy allows none; rows are shown and hidden with `hidden`.
 */
"use strict";

(function () {
  /** Lower case and without accents, so that "cote" finds "Côte d'Ivoire". */
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  }

  function format(template, value) {
    return (template || "%s").replace("%s", value);
  }

  function element(tag, properties) {
    return Object.assign(document.createElement(tag), properties);
  }

  function enhance(wrapper) {
    const select = wrapper.querySelector("select[multiple]");
    const label = select && select.id && wrapper.querySelector(`label[for="${select.id}"]`);
    if (!label) return;
    const words = wrapper.dataset;
    const base = select.id;

    const chosen = element("ul", { className: "picker__chosen", hidden: true });
    const hint = element("label", {
      className: "picker__hint",
      htmlFor: `${base}_filter`,
      textContent: words.pickerFilter || "",
    });
    const filter = element("input", {
      type: "text",
      id: `${base}_filter`,
      className: "picker__filter",
      autocomplete: "off",
      spellcheck: false,
    });
    const list = element("div", { className: "picker__options", id: `${base}_options` });
    const none = element("p", {
      className: "picker__none",
      id: `${base}_none`,
      hidden: true,
      textContent: words.pickerNone || "",
    });
    const status = element("p", { className: "visually-hidden", role: "status" });
    status.setAttribute("aria-live", "polite");
    filter.setAttribute("aria-controls", list.id);
    filter.setAttribute("aria-describedby", none.id);

    // One row per option: its box, its name folded for matching, and its group's block.
    const items = [];
    const groups = [];
    let block = list;
    for (const child of select.children) {
      const options = child.tagName === "OPTGROUP" ? child.children : [child];
      block = list;
      if (child.tagName === "OPTGROUP") {
        const heading = element("p", {
          className: "picker__group",
          id: `${base}_group_${groups.length}`,
          textContent: child.label,
        });
        block = element("div", { role: "group" });
        block.setAttribute("aria-labelledby", heading.id);
        block.append(heading);
        list.append(block);
        groups.push({ block: block, items: [] });
      }
      for (const option of options) {
        if (!option.value) continue;
        const box = element("input", {
          type: "checkbox",
          id: `${base}_option_${items.length}`,
          value: option.value,
          checked: option.selected,
        });
        const row = element("div", { className: "choice" });
        row.append(box, " ", element("label", { htmlFor: box.id, textContent: option.text }));
        block.append(row);
        const item = { option: option, box: box, row: row, key: fold(option.text) };
        items.push(item);
        if (block !== list) groups[groups.length - 1].items.push(item);
      }
    }

    function announce(message) {
      // Emptied first, so that the same words twice are read twice.
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = message;
      }, 50);
    }

    function showChosen() {
      chosen.replaceChildren();
      for (const item of items) {
        if (!item.option.selected) continue;
        const button = element("button", {
          type: "button",
          className: "picker__remove",
          value: item.option.value,
        });
        button.setAttribute("aria-label", format(words.pickerRemove, item.option.text));
        const cross = element("span", { textContent: "\u00d7" });
        cross.setAttribute("aria-hidden", "true");
        button.append(item.option.text, " ", cross);
        const entry = element("li");
        entry.append(button);
        chosen.append(entry);
      }
      chosen.hidden = chosen.children.length === 0;
    }

    function choose(item, selected) {
      item.option.selected = selected;
      item.box.checked = selected;
      showChosen();
      announce(format(selected ? words.pickerChosen : words.pickerRemoved, item.option.text));
    }

    function narrow() {
      const wanted = fold(filter.value.trim());
      let shown = 0;
      for (const item of items) {
        item.row.hidden = wanted !== "" && !item.key.includes(wanted);
        if (!item.row.hidden) shown += 1;
      }
      for (const group of groups) {
        group.block.hidden = group.items.every(function (item) {
          return item.row.hidden;
        });
      }
      const nothing = shown === 0;
      if (nothing && none.hidden) announce(none.textContent);
      none.hidden = !nothing;
      list.hidden = nothing;
    }

    function visible() {
      return items.filter(function (item) {
        return !item.row.hidden;
      });
    }

    /** Back to what the select holds: after a reset, or a page restored from history. */
    function sync() {
      for (const item of items) item.box.checked = item.option.selected;
      showChosen();
    }

    list.addEventListener("change", function (event) {
      const item = items.find(function (candidate) {
        return candidate.box === event.target;
      });
      if (item) choose(item, item.box.checked);
    });

    list.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const shown = visible();
      const at = shown.findIndex(function (item) {
        return item.box === event.target;
      });
      if (at < 0) return;
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) filter.focus();
      else if (next < shown.length) shown[next].box.focus();
    });

    filter.addEventListener("input", narrow);
    filter.addEventListener("keydown", function (event) {
      const shown = visible();
      if (event.key === "ArrowDown" && shown.length) {
        event.preventDefault();
        shown[0].box.focus();
      } else if (event.key === "Escape" && filter.value) {
        event.preventDefault();
        filter.value = "";
        narrow();
      } else if (event.key === "Enter" && filter.value.trim()) {
        // Enter takes the first match instead of sending the form half-filled.
        event.preventDefault();
        if (shown.length) {
          choose(shown[0], true);
          filter.value = "";
          narrow();
        }
      }
    });

    chosen.addEventListener("click", function (event) {
      const button = event.target.closest("button");
      if (!button) return;
      const buttons = Array.from(chosen.querySelectorAll("button"));
      const at = buttons.indexOf(button);
      const item = items.find(function (candidate) {
        return candidate.option.value === button.value;
      });
      if (!item) return;
      choose(item, false);
      // Focus stays among the chosen, or goes back to the box to type in when none is left.
      const rest = chosen.querySelectorAll("button");
      if (rest.length) rest[Math.min(at, rest.length - 1)].focus();
      else filter.focus();
    });

    if (select.form) {
      select.form.addEventListener("reset", function () {
        window.setTimeout(sync, 0);
      });
    }
    window.addEventListener("pageshow", sync);

    // The field's label now names the whole picker and leads to the box to type in.
    if (!label.id) label.id = `${base}_label`;
    label.htmlFor = filter.id;
    wrapper.setAttribute("role", "group");
    wrapper.setAttribute("aria-labelledby", label.id);
    select.hidden = true;
    select.after(chosen, hint, filter, list, none, status);
    wrapper.classList.add("picker--enhanced");
    showChosen();

    // The field's error (and help) now describe the box to type in, and a link to the field,
    // as a failed form's summary gives, leads there: the select it names is hidden.
    const described = select.getAttribute("aria-describedby");
    if (described) filter.setAttribute("aria-describedby", `${none.id} ${described}`);
    if (select.getAttribute("aria-invalid") === "true") filter.setAttribute("aria-invalid", "true");

    function takeFocus() {
      wrapper.scrollIntoView();
      filter.focus({ preventScroll: true });
    }

    document.addEventListener("click", function (event) {
      const link = event.target.closest("a[href]");
      if (!link || link.getAttribute("href") !== `#${base}`) return;
      event.preventDefault();
      if (window.location.hash !== link.hash) window.history.pushState(null, "", link.hash);
      takeFocus();
    });
    // An address that ends with the field's #: once the page has loaded, as the browser,
    // finding the select hidden, takes the focus from wherever it is until then.
    function arrived() {
      if (window.location.hash === `#${base}`) takeFocus();
    }
    if (document.readyState === "complete") arrived();
    else window.addEventListener("load", arrived);
  }

  document.querySelectorAll("[data-picker]").forEach(enhance);
})();
