/** `--name value` pairs of the command line, with defaults; an unknown flag is an error. */
export function parseArgs<T extends Record<string, string>>(defaults: T, argv = process.argv.slice(2)): T {
  const values: Record<string, string> = { ...defaults };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i]!.replace(/^--/, '');
    if (!argv[i]!.startsWith('--') || !(name in defaults) || argv[i + 1] === undefined) {
      console.error(`usage: ${Object.entries(defaults).map(([key, value]) => `[--${key} <${value}>]`).join(' ')}`);
      process.exit(2);
    }
    values[name] = argv[i + 1]!;
    i += 1;
  }
  return values as T;
}

export function positiveNumber(value: string, name: string): number {
  const number = Number(value);
  if (!(number > 0)) {
    console.error(`--${name} must be a positive number, not "${value}"`);
    process.exit(2);
  }
  return number;
}
