// Form building blocks for the task panes: labelled fields with an error line, selects,
// checkbox groups, and a helper that disables buttons while an action runs.

import { h } from "./dom.js";

let counter = 0;
/** A document-unique id for label/for and aria-describedby. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export interface Option {
  code: string;
  label: string;
}

/** A `.field` with a label, the control, an optional hint and an error line (aria-live). */
export function field(label: string, control: HTMLElement, hint?: string | Node | null): HTMLElement {
  if (!control.id) control.id = uid("field");
  const errorId = `${control.id}-error`;
  const hintId = hint ? `${control.id}-hint` : null;
  control.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
  return h(
    "div",
    { class: "field", "data-field": control.getAttribute("name") ?? control.id },
    h("label", { for: control.id }, label),
    control,
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    h("p", { class: "field-error", id: errorId, "aria-live": "polite", hidden: true }),
  );
}

/** Shows (or clears, with null) the error line of the field containing `control`. */
export function setFieldError(control: HTMLElement, message: string | null): void {
  const line = document.getElementById(`${control.id}-error`);
  if (!line) return;
  line.textContent = message ?? "";
  line.hidden = !message;
  if (message) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
}

export function textInput(name: string, value = "", attributes: Record<string, string | boolean> = {}): HTMLInputElement {
  const input = h("input", { type: "text", name, id: uid(name), autocomplete: "off", ...attributes });
  input.value = value;
  return input;
}

export function selectInput(name: string, options: Option[], selected: string | null, placeholder?: string): HTMLSelectElement {
  const select = h("select", { name, id: uid(name) });
  if (placeholder !== undefined) select.append(h("option", { value: "" }, placeholder));
  for (const o of options) {
    const option = h("option", { value: o.code }, o.label);
    option.selected = o.code === selected;
    select.append(option);
  }
  if (selected === null && placeholder !== undefined) select.value = "";
  return select;
}

export interface CheckboxGroup {
  element: HTMLFieldSetElement;
  values(): string[];
  boxes: HTMLInputElement[];
}

/** A fieldset of checkboxes; `describe` adds lines under a label (e.g. an article, an explanation). */
export function checkboxGroup(
  legend: string,
  name: string,
  options: Option[],
  checked: readonly string[],
  describe?: (option: Option) => (Node | string | null)[],
): CheckboxGroup {
  const boxes: HTMLInputElement[] = [];
  const element = h("fieldset", { class: "checkbox-group", "data-field": name }, h("legend", {}, legend));
  for (const o of options) {
    const box = h("input", { type: "checkbox", name, value: o.code, id: uid(`${name}-${o.code}`) });
    box.checked = checked.includes(o.code);
    boxes.push(box);
    element.append(h("div", { class: "checkbox" }, box, h("label", { for: box.id }, o.label, ...(describe?.(o) ?? []))));
  }
  element.append(h("p", { class: "field-error", id: `${name}-group-error`, "aria-live": "polite", hidden: true }));
  return { element, boxes, values: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

/** Error line of a checkbox group (or any fieldset built above). */
export function setGroupError(group: HTMLFieldSetElement, message: string | null): void {
  const line = group.querySelector<HTMLElement>(":scope > .field-error");
  if (!line) return;
  line.textContent = message ?? "";
  line.hidden = !message;
}

/** Runs `action` with the buttons disabled and the container marked busy; re-enables afterwards. */
export async function whileBusy<T>(buttons: HTMLButtonElement[], container: HTMLElement | null, action: () => Promise<T>): Promise<T> {
  const before = buttons.map((b) => b.disabled);
  for (const b of buttons) b.disabled = true;
  container?.setAttribute("aria-busy", "true");
  try {
    return await action();
  } finally {
    buttons.forEach((b, i) => (b.disabled = before[i] ?? false));
    container?.removeAttribute("aria-busy");
  }
}

/** A polite status line (success messages); errors go to the pane's message bar. */
export function statusLine(): HTMLElement {
  return h("p", { class: "status", role: "status", "aria-live": "polite" });
}

export function button(label: string, attributes: Record<string, string | boolean> = {}, onClick?: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", ...attributes }, label);
  if (onClick) b.addEventListener("click", onClick);
  return b;
}
