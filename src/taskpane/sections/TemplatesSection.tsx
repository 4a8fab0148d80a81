import { Button, Card, CardHeader, Text } from '@fluentui/react-components';
import type { TemplateId } from '../../domain/forms/form-model';
import { formDescription, formTitle, type Lang } from '../../domain/messages/catalog';
import { listTemplates } from '../../domain/templates/registry';
import type { UiStrings } from '../strings';

const TEMPLATES = listTemplates();

export function TemplatesSection({
  t,
  lang,
  busy,
  onInsert,
}: {
  t: UiStrings;
  lang: Lang;
  busy: boolean;
  onInsert: (template: TemplateId) => void;
}) {
  return (
    <ul className="bpa-list" aria-label={t.tabTemplates}>
      {TEMPLATES.map((tpl) => {
        const title = formTitle(tpl.id, tpl.title, lang);
        return (
          <li key={tpl.id}>
            <Card>
              <CardHeader
                header={
                  <Text as="h3" weight="semibold">
                    {title}
                  </Text>
                }
                description={<Text size={200}>{formDescription(tpl.id, tpl.description, lang)}</Text>}
              />
              <Button
                appearance="primary"
                disabled={busy}
                aria-label={t.insertTemplateLabel + title}
                data-template={tpl.id}
                onClick={() => onInsert(tpl.id)}
              >
                {t.insert}
              </Button>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
