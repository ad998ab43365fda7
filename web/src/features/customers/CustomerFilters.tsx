import { label } from '../../shared/labels.ts';
import { SelectField } from '../../shared/SelectField.tsx';
import { TextField } from '../../shared/TextField.tsx';
import { CATEGORIES, DEFAULT_LIST_PARAMS, hasFilters, KINDS, SORTS, STATUSES, type CustomerListParams } from './list-params.ts';

const SORT_LABELS = { NEWEST: 'Newest first', OLDEST: 'Oldest first', NAME: 'Name, A to Z' } as const;

interface CustomerFiltersProps {
  params: CustomerListParams;
  onChange: (params: CustomerListParams) => void;
}

/** Narrow the list by kind, category, status and tag, and choose its order; every change applies at once. */
export function CustomerFilters({ params, onChange }: CustomerFiltersProps) {
  const set = <K extends keyof CustomerListParams>(key: K) => (value: CustomerListParams[K]) => onChange({ ...params, [key]: value });
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">Filters and order</legend>
      <SelectField id="filter-kind" label="Kind" value={params.kind} options={KINDS} optionLabel={label} emptyLabel="Any kind" onChange={set('kind')} />
      <SelectField id="filter-category" label="Category" value={params.category} options={CATEGORIES} optionLabel={label} emptyLabel="Any category"
        onChange={set('category')} />
      <SelectField id="filter-status" label="Status" value={params.status} options={STATUSES} optionLabel={label} emptyLabel="Any status"
        onChange={set('status')} />
      <TextField id="filter-tag" label="Tag" value={params.tag} placeholder="e.g. vip" autoComplete="off" onChange={(event) => set('tag')(event.target.value)} />
      <SelectField id="filter-sort" label="Order" value={params.sort} options={SORTS} optionLabel={(sort) => SORT_LABELS[sort]}
        onChange={(sort) => set('sort')(sort || 'NEWEST')} />
      {hasFilters(params) && (
        <button type="button" className="filters-clear" onClick={() => onChange({ ...DEFAULT_LIST_PARAMS, search: params.search, sort: params.sort })}>
          Clear filters
        </button>
      )}
    </fieldset>
  );
}
