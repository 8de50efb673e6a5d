import { z } from "zod";

// The one place free text from a client is checked for control characters. A NUL byte
// makes PostgreSQL refuse the row (a 500 that logged the user's text); the other C0
// characters and DEL have no business in names, titles or messages and can hide text from
// moderators or break logs. Every free-text field of the API bodies and socket payloads is
// built from these two helpers.

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001F\u007F]*$/;
// Tab, line feed and carriage return are text in a message or a description.
// eslint-disable-next-line no-control-regex
const NO_CONTROL_BUT_LINES = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** One line: a name, a title, a link, a phone, a password, a search. */
export function singleLineText() {
  return z.string().regex(NO_CONTROL, "control characters are not allowed");
}

/** Several lines: messages, descriptions, reasons. Tabs and line breaks allowed. */
export function multilineText() {
  return z.string().regex(NO_CONTROL_BUT_LINES, "control characters other than tab and line breaks are not allowed");
}
