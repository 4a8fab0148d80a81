import { Button, Card, CardHeader, Text } from '@fluentui/react-components';
import type { TemplateId } from '../../domain/forms/form-model';
import { listTemplates } from '../../domain/templates/registry';
import type { UiStrings } from '../strings';

const TEMPLATES = listTemplates();

export function TemplatesSection({
  t,
  busy,
  onInsert,
}: {
  t: UiStrings;
  busy: boolean;
  onInsert: (template: TemplateId) => void;
}) {
  return (
    <ul className="bpa-list" aria-label={t.tabTemplates}>
      {TEMPLATES.map((tpl) => (
        <li key={tpl.id}>
          <Card>
            <CardHeader
              header={
                <Text as="h3" weight="semibold">
                  {tpl.title}
                </Text>
              }
              description={<Text size={200}>{tpl.description}</Text>}
            />
            <Button
              appearance="primary"
              disabled={busy}
              aria-label={t.insertTemplateLabel + tpl.title}
              data-template={tpl.id}
              onClick={() => onInsert(tpl.id)}
            >
              {t.insert}
            </Button>
          </Card>
        </li>
      ))}
    </ul>
  );
}
