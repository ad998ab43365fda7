import { useId, useState, type ReactNode } from 'react';

interface SectionProps {
  title: string;
  /** A short figure beside the title, visible while collapsed (e.g. a count). */
  summary?: ReactNode;
  /** Set when the data of this section failed to load: the section says so instead of showing its content. */
  unavailable?: string | undefined;
  children: ReactNode;
}

/** A titled part of a page that the reader can fold away; a failure stays inside it. */
export function Section({ title, summary, unavailable, children }: SectionProps) {
  const [open, setOpen] = useState(true);
  const id = useId();
  return (
    <section className="section card" aria-labelledby={`${id}-title`}>
      <h2 className="section-title">
        <button type="button" id={`${id}-title`} aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
          <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {title}
        </button>
        {summary !== undefined && <span className="section-summary">{summary}</span>}
      </h2>
      <div id={`${id}-body`} hidden={!open}>
        {unavailable ? <p className="error-box" role="alert">{unavailable}</p> : children}
      </div>
    </section>
  );
}
