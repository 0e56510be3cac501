// A mistake in how a command was typed: the CLI prints the command's usage and exits 2,
// where an error from the office itself exits 1.
export class UsageError extends Error {}
