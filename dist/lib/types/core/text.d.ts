/**
 * Small text rules every layer shares, in one place so that they cannot drift apart: what a GUID
 * is, what may split a line, how a time is shown, how a shell value is quoted. (The sandbox keeps
 * its own copies on purpose: it is the client's peer, not its user.)
 */
/** A GUID in its usual 8-4-4-4-12 hex form, any case, nothing around it. */
export declare function isGuid(value: string): boolean;
export declare function hasControlCharacter(value: string): boolean;
/** Each control character replaced by `by`. */
export declare function replaceControlCharacters(value: string, by: string): string;
/** Each run of control characters (a CR LF, say) replaced by one `by`. */
export declare function collapseControlCharacters(value: string, by: string): string;
/** For values an attacker may control (a command name, a jku): every byte outside printable ASCII becomes `by`. */
export declare function printableAscii(value: string, by?: string): string;
/** ISO 8601 in UTC to the second, as Entra and the CIs show times: 2025-06-02T09:14:07Z. */
export declare function isoTime(epochMs: number): string;
/** POSIX single quotes keep every byte literally; a quote itself is closed, escaped and reopened: `'\''`. */
export declare function shellQuote(value: string): string;
/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
export declare function editDistance(a: string, b: string): number;
/** True when showClaim would not show the value as it is: it could break or steer a line. */
export declare function needsEscaping(value: string): boolean;
/**
 * The one way a claim (or any value from a token, a FIC or a policy match) is shown on a line we
 * print: a string with nothing unsafe in it is shown as it is (`when-needed`) or JSON-quoted
 * (`always`, the default); anything else is JSON with every unsafe character written as \uXXXX,
 * so that no value can end the line, start one of its own (a forged `::error::`) or reach the
 * terminal as a control sequence. Long values are cut.
 */
export declare function showClaim(value: unknown, quote?: 'always' | 'when-needed'): string;
/** Why a file could not be read, as the end of a sentence: "does not exist", "is a directory"... */
export declare function unreadableFileReason(err: unknown): string;
