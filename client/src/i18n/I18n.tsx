import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { currentLang, storeLang, type Lang } from "./state";
import { translate, translateEnum, type MessageKey, type Vars } from "./translate";
import * as f from "./format";

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  te: (group: string, value: string | null | undefined) => string;
  date: (v: string | null | undefined, style?: "short" | "long") => string;
  dateTime: (v: string | null | undefined) => string;
  time: (v: string | null | undefined) => string;
  num: (v: string | number | null | undefined, digits?: number) => string;
  money: (v: string | number | null | undefined) => string;
  qty: (v: string | number | null | undefined, unit: string | null | undefined) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang());
  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      te: (group, v) => translateEnum(lang, group, v),
      date: (v, style) => f.formatDate(v, lang, style),
      dateTime: (v) => f.formatDateTime(v, lang),
      time: (v) => f.formatTime(v, lang),
      num: (v, digits) => f.formatNumber(v, lang, digits),
      money: (v) => f.formatMoney(v, lang),
      qty: (v, unit) => f.formatQuantity(v, unit, lang),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}
