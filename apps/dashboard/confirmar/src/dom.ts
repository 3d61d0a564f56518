/** A tiny element builder: this page is plain DOM (no framework) to stay far below its weight budget. */
type Attrs = Record<string, string | number | boolean | undefined | null>;
type Child = Node | string | null | undefined | false;
type Handlers = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
  on: Handlers = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  for (const [event, handler] of Object.entries(on)) el.addEventListener(event, handler as EventListener);
  return el;
}

/** An element whose content is static markup written in this code base (icons), never server data. */
export function trustedMarkup(tag: 'span' | 'div', className: string, markup: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.innerHTML = markup;
  return el;
}

let ids = 0;
export const uid = (prefix: string) => `${prefix}-${++ids}`;
