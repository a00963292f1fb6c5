// XML 1.0 allows no C0 control but tab, LF and CR (a stray one makes the whole document
// unreadable), nor U+FFFE or U+FFFF: those are dropped; the markup characters become references.
// One pass: the bodies are most of a mirror's feed, and a pass per character copied each again.
// eslint-disable-next-line no-control-regex -- matching those controls is the point
const XML_UNSAFE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_REFERENCES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/** Text for XML element content or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  return text.replace(XML_UNSAFE, (c) => XML_REFERENCES[c] ?? "");
}
