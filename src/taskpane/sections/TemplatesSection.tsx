import { Button, Card, CardHeader, Text } from '@fluentui/react-components';
import { derivableFrom, type DerivedTemplate } from '../../domain/cycle/derive';
import type { TemplateId } from '../../domain/forms/form-model';
import { formDescription, formTitle, type Lang } from '../../domain/messages/catalog';
import { listTemplates } from '../../domain/templates/registry';
import type { UiStrings } from '../strings';

const TEMPLATES = listTemplates();

/** The goal declaration the person is working on, and what can be made from it. */
export interface GoalSource {
  sheet: string;
  template: TemplateId;
}

function DeriveCard({
  t,
  busy,
  source,
  onDerive,
}: {
  t: UiStrings;
  busy: boolean;
  source: GoalSource;
  onDerive: (target: DerivedTemplate) => void;
}) {
  return (
    <Card data-testid="derive" data-source={source.sheet}>
      <CardHeader
        header={
          <Text as="h3" weight="semibold" className="bpa-card-title">
            {t.deriveTitle}
          </Text>
        }
        description={<Text size={200}>{t.deriveFrom(source.sheet)}</Text>}
      />
      <div className="bpa-row">
        {derivableFrom(source.template).map((target) => (
          <Button
            key={target}
            appearance="primary"
            disabled={busy}
            data-derive={target}
            onClick={() => onDerive(target)}
          >
            {target === 'project-monitoring' ? t.deriveMonitoring : t.deriveSelfEvaluation}
          </Button>
        ))}
      </div>
    </Card>
  );
}

export function TemplatesSection({
  t,
  lang,
  busy,
  onInsert,
  goalSource = null,
  onDerive,
}: {
  t: UiStrings;
  lang: Lang;
  busy: boolean;
  onInsert: (template: TemplateId) => void;
  goalSource?: GoalSource | null;
  onDerive?: (target: DerivedTemplate) => void;
}) {
  return (
    <ul className="bpa-list" aria-label={t.tabTemplates}>
      {goalSource !== null && onDerive !== undefined && (
        <li>
          <DeriveCard t={t} busy={busy} source={goalSource} onDerive={onDerive} />
        </li>
      )}
      {TEMPLATES.map((tpl) => {
        const title = formTitle(tpl.id, tpl.title, lang);
        return (
          <li key={tpl.id}>
            <Card>
              <CardHeader
                header={
                  <Text as="h3" weight="semibold" className="bpa-card-title">
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
