/**
 * Checks every card must pass: valid against the Adaptive Cards 1.5 schema (a copy of the published one, so
 * the repository stands alone), parsed without a warning by Microsoft's `adaptivecards` renderer, rendered to
 * see what a person would read, and small enough for Teams (28 KB per message:
 * https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/format-your-bot-messages).
 * The renderer needs a DOM: call these from a test file running in jsdom.
 */
import * as AC from 'adaptivecards';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AjvClass from 'ajv';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof AjvClass;
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as object;
const schema = JSON.parse(readFileSync(require.resolve('./adaptive-card-1.5.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;

// jsdom has no innerText, which the renderer writes text with.
if (
  typeof HTMLElement !== 'undefined' &&
  !Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'innerText')
) {
  Object.defineProperty(HTMLElement.prototype, 'innerText', {
    get(this: HTMLElement) {
      return this.textContent;
    },
    set(this: HTMLElement, value: string) {
      this.textContent = value;
    },
  });
}

/**
 * Markdown as Teams applies it to TextBlocks (bold, italic, links; backslash escapes honoured), so a test sees
 * what formatting people's text would get. The renderer calls it only where Adaptive Cards read markdown.
 */
export function teamsLikeMarkdown(text: string): string {
  const escaped: string[] = [];
  const html = text
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, (_m, c: string) => `\uE000${escaped.push(c) - 1}\uE000`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/_([^_]+)_/g, '<em>$1</em>');
  return html.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => {
    const c = escaped[Number(i)] ?? '';
    return c === '<' ? '&lt;' : c === '&' ? '&amp;' : c;
  });
}

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = teamsLikeMarkdown(text);
  result.didProcess = true;
};

export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;

const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
ajv.addMetaSchema(draft06);
// The published schema names itself with draft-04's `id`; ajv 8 reads `$id`.
const { id: _id, ...rest } = schema;
const validate = ajv.compile(rest);

export function schemaErrors(card: unknown): string[] {
  return validate(card) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** The renderer's parse warnings and errors, as text. */
export function rendererWarnings(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    events.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    events.push(`validation ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return events;
}

/** The card drawn by the renderer: its text as a person reads it, and its links and buttons. */
export function renderCard(card: unknown): {
  text: string;
  links: string[];
  html: string;
  buttons: string[];
} {
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, new AC.SerializationContext(AC.Versions.v1_5));
  const element = parsed.render();
  if (!element) throw new Error('The renderer drew nothing');
  document.body.replaceChildren(element);
  return {
    text: element.textContent ?? '',
    links: [...element.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
    html: element.innerHTML,
    buttons: [...element.querySelectorAll('button')].map((b) => b.textContent ?? ''),
  };
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
