/**
 * Workflow commands (`::name key=value::message` lines on stdout), written by hand instead of
 * through @actions/core: importing it costs ~115 ms of start-up (it loads undici), more than
 * the whole federation. The escaping is the runner's: it decodes exactly these sequences, so
 * a message can never end its own line and start another command.
 */

/** Escapes a command's message: the runner reads one command per line. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: `:` and `,` also delimit properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type CommandProperties = Readonly<Record<string, string | undefined>>;

/** One command line, without the line ending. */
export function formatCommand(name: string, properties: CommandProperties, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}
