import { Fragment, type ReactNode } from 'react';

/** A label and its value; a value that is null, undefined or empty text is left out. */
export type Fact = readonly [label: string, value: ReactNode];

const present = (value: ReactNode) => value !== null && value !== undefined && value !== false && value !== '';

/** Label–value pairs as a description list, leaving out what the record does not have. */
export function Facts({ facts, className = 'facts' }: { facts: readonly Fact[]; className?: string }) {
  const shown = facts.filter(([, value]) => present(value));
  if (shown.length === 0) return null;
  return (
    <dl className={className}>
      {shown.map(([name, value]) => (
        <Fragment key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
