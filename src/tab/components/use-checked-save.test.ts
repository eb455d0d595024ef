// @vitest-environment jsdom
import { errorsByField, focusFirstField } from './use-checked-save.ts';

describe('taking the keyboard to the first field at fault', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <div id="kind" role="radiogroup"><input type="radio" disabled /><input type="radio" id="second" /></div>
      <input id="heldOn" />
      <textarea id="notes"></textarea>`;
  });

  it('goes to the field that comes first in the form, whatever order the problems were found in', () => {
    focusFirstField(['notes', 'heldOn']);
    expect(document.activeElement?.id).toBe('heldOn');
  });

  it('goes into a group to its first control that can take focus', () => {
    focusFirstField(['notes', 'kind']);
    expect(document.activeElement?.id).toBe('second');
  });

  it('leaves focus alone when no field named is on the page', () => {
    const before = document.activeElement;
    focusFirstField(['gone']);
    expect(document.activeElement).toBe(before);
  });
});

describe('a schema’s problems by field', () => {
  it('keeps the first message for each path, shown where the form shows it', () => {
    expect(
      errorsByField(
        [
          { path: ['meetingOn'], message: 'Meeting date is required' },
          { path: ['attendees', 0, 'name'], message: 'Name is required' },
          { path: ['attendees', 0, 'name'], message: 'Name is too long' },
        ],
        (p) => (p === 'meetingOn' ? 'heldOn' : p),
      ),
    ).toEqual({ heldOn: 'Meeting date is required', 'attendees.0.name': 'Name is required' });
  });
});
