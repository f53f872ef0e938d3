import { type MessageKey, onLanguageChange, type ParamsOf, t, translate } from '../i18n/i18n.js';
import type { ShownMessage } from '../i18n/server-messages.js';
import { serverTextString } from '../i18n/server-texts.js';

/**
 * The only way the client builds the page. Strings always become text nodes (`textContent`): what
 * a member wrote can never be read as HTML. There is no `innerHTML` anywhere in client/src, and a
 * test keeps it that way.
 */
export type Child = Node | string | number | null | undefined | false;
export type AttrValue = string | number | boolean | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    setAttr(element, name, value);
  }
  append(element, ...children);
  return element;
}

export function setAttr(element: Element, name: string, value: AttrValue): void {
  if (value === false || value === null || value === undefined) {
    element.removeAttribute(name);
  } else {
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(parent: Node & ParentNode, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Adds a typed event listener and returns the element, so it fits inside an `h(...)` tree. */
export function on<E extends HTMLElement, K extends keyof HTMLElementEventMap>(
  element: E,
  type: K,
  listener: (event: HTMLElementEventMap[K]) => void,
): E {
  element.addEventListener(type, listener);
  return element;
}

// Live translations: text nodes and attributes that follow a language switch without re-rendering,
// so nothing typed in a form (or shown once, like recovery codes) is lost when the language changes.
type Render = () => string;
const liveNodes = new Set<WeakRef<Node>>();
const textRenders = new WeakMap<Node, Render>();
const attrRenders = new WeakMap<Element, Map<string, Render>>();
// Pages come and go: forget a node's entry once the node itself is gone.
const forget = new FinalizationRegistry<WeakRef<Node>>((ref) => liveNodes.delete(ref));

function track(node: Node): void {
  if (!textRenders.has(node) && !attrRenders.has(node as Element)) {
    const ref = new WeakRef(node);
    liveNodes.add(ref);
    forget.register(node, ref);
  }
}

onLanguageChange(() => {
  for (const ref of liveNodes) {
    const node = ref.deref();
    if (!node) {
      liveNodes.delete(ref);
      continue;
    }
    const text = textRenders.get(node);
    if (text) {
      node.textContent = text();
    }
    const attrs = attrRenders.get(node as Element);
    if (attrs) {
      for (const [name, render] of attrs) {
        (node as Element).setAttribute(name, render());
      }
    }
  }
});

/** A text node whose content is rendered again on every language switch. */
export function liveText(render: Render): Text {
  const node = document.createTextNode(render());
  track(node);
  textRenders.set(node, render);
  return node;
}

/** A translated text node that follows the language. */
export function tr<K extends MessageKey>(key: K, ...params: ParamsOf<K>): Text {
  return liveText(() => t(key, ...params));
}

/** A text node for a message that may be a key or an untranslated server text. */
export function messageText(message: ShownMessage): Text {
  if ('server' in message) {
    const { server, text } = message;
    return liveText(() => serverTextString(server) ?? text);
  }
  if ('text' in message) {
    return document.createTextNode(message.text);
  }
  return liveText(() => translate(message));
}

/** Sets an attribute to a translated message, kept up to date on language switches. */
export function trAttr<E extends Element, K extends MessageKey>(
  element: E,
  name: string,
  key: K,
  ...params: ParamsOf<K>
): E {
  return liveAttr(element, name, () => t(key, ...params));
}

export function liveAttr<E extends Element>(element: E, name: string, render: Render): E {
  track(element);
  let renders = attrRenders.get(element);
  if (!renders) {
    renders = new Map();
    attrRenders.set(element, renders);
  }
  renders.set(name, render);
  element.setAttribute(name, render());
  return element;
}

/** Replaces an element's content with one live message (or nothing). */
export function showMessage(element: HTMLElement, message: ShownMessage | null): void {
  element.replaceChildren(...(message ? [messageText(message)] : []));
}

let idCounter = 0;
/** An id unique on the page, for label/aria wiring. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
