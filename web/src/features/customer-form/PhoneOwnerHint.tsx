import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';

export function PhoneOwnerHint({ owner }: { owner: { id: string; name: string } }) {
  return (
    <span className="hint-warn">
      This number belongs to <Link to={paths.customer(owner.id)}>{owner.name}</Link>. Saving opens their record instead of creating a
      second customer.
    </span>
  );
}
