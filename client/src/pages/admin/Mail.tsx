import { useI18n } from "../../i18n/I18n";
import { PageHead } from "../../components/ui";
import { MessageList } from "../../components/MessageList";
import { AdminNav } from "./AdminNav";

/** Every e-mail the platform queued, with its delivery status (W13). */
export default function Mail() {
  const { t } = useI18n();
  return (
    <>
      <PageHead title={t("mail.title")} />
      <AdminNav />
      <p className="lead">{t("mail.lead")}</p>
      <MessageList />
    </>
  );
}
