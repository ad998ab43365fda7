import { useId, useState, type ReactNode } from 'react';

interface SectionProps {
  title: string;
  /** A short figure beside the title, visible while collapsed (e.g. a count). */
  summary?: ReactNode;
  /** Set when the data of this section failed to load: the section says so instead of showing its content. */
  unavailable?: string | undefined;
  /** 2 for a part of the page, 3 for a part of a section. */
  level?: 2 | 3;
  /** Starts folded away (long, rarely needed lists). */
  collapsed?: boolean;
  className?: string;
  children: ReactNode;
}

/** A titled part of a page that the reader can fold away; a failure stays inside it. */
export function Section({ title, summary, unavailable, level = 2, collapsed = false, className, children }: SectionProps) {
  const [open, setOpen] = useState(!collapsed);
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const classes = [level === 2 ? 'section card' : 'subsection', className].filter(Boolean).join(' ');
  return (
    <section className={classes} aria-labelledby={`${id}-title`}>
      <Heading className="section-title">
        <button type="button" id={`${id}-title`} aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
          <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {title}
        </button>
        {summary !== undefined && summary !== null && summary !== false && <span className="section-summary">{summary}</span>}
      </Heading>
      <div id={`${id}-body`} hidden={!open}>
        {unavailable ? <p className="error-box" role="alert">{unavailable}</p> : children}
      </div>
    </section>
  );
}
