/** Drops a leading `name: ` that a message repeats, so each line names its feed (or URL) once. */
export function withoutName(name: string, message: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}
