import { useTranslation } from "react-i18next";
import { Columns, Fieldset, FormInput, TextArea } from "../../../ui/editing";
import { LANGUAGES, type Texts } from "../model";
import { useProblemAt } from "../problems";

export interface TextsFieldsProps {
  legend: string;
  /** The API path of the texts (`title`, `questions[2].label`); each language adds `.fr`... */
  path: string;
  value: Texts;
  onChange: (value: Texts) => void;
  multiline?: boolean;
}

/** One text in French, English and German side by side, each field marked with its language. */
export function TextsFields({ legend, path, value, onChange, multiline }: TextsFieldsProps) {
  const { t } = useTranslation("manageCalls");
  const groupError = useProblemAt(path);
  return (
    <Fieldset legend={legend} error={groupError}>
      <Columns>
        {LANGUAGES.map((language) => (
        <LanguageField
          key={language}
          label={t(`languages.${language}`)}
          lang={language}
          path={`${path}.${language}`}
          value={value[language]}
          onChange={(text) => onChange({ ...value, [language]: text })}
          multiline={multiline}
        />
        ))}
      </Columns>
    </Fieldset>
  );
}

function LanguageField(props: {
  label: string;
  lang: string;
  path: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
}) {
  const error = useProblemAt(props.path);
  return props.multiline ? (
    <TextArea label={props.label} lang={props.lang} value={props.value} onChange={props.onChange} error={error} />
  ) : (
    <FormInput label={props.label} lang={props.lang} value={props.value} onChange={props.onChange} error={error} />
  );
}
