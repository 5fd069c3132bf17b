import { useI18n } from "../i18n/I18n";
import { useSession } from "../auth/session";
import { PageHead } from "../components/ui";
import { CalendarSubscription } from "../components/CalendarSubscription";

/** What a logged-in person sets for itself. */
export default function Profile() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <PageHead title={t("profile.title")} />
      {me && <p className="meta">{me.label}</p>}
      <CalendarSubscription />
    </>
  );
}
