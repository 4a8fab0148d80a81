import { useRef } from 'react';
import {
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  Text,
} from '@fluentui/react-components';
import { BUILT_IN_LIBRARY } from '../../domain/framework/library';
import type { ChosenLibrary } from '../pane-storage';
import { BUILT_IN_FRAMEWORKS } from '../../domain/framework/frameworks';
import type { Lang } from '../../domain/messages/catalog';
import { BUILT_IN_PROFILES } from '../../domain/profiles/profiles';
import type { UiStrings } from '../strings';
import { AUTO, type SettingsChoice } from '../use-live-checks';

export function SettingsSection({
  t,
  lang,
  choice,
  onChoice,
  onLang,
  library = null,
  onLibraryFile,
  onLibraryReset,
  onJurisdictionFile,
  onJurisdictionReset,
  workbookPackage = null,
}: {
  t: UiStrings;
  lang: Lang;
  choice: SettingsChoice;
  onChoice: (choice: SettingsChoice) => void;
  onLang: (lang: Lang) => void;
  library?: ChosenLibrary | null;
  onLibraryFile?: (file: File) => void;
  onLibraryReset?: () => void;
  onJurisdictionFile?: (file: File) => void;
  onJurisdictionReset?: () => void;
  /** What the workbook's `_meta` names, said in words; whether the package in use is that one. */
  workbookPackage?: { text: string; used: boolean } | null;
}) {
  const pkg = choice.jurisdiction ?? null;
  const profileName =
    choice.profile === AUTO
      ? t.profileAuto
      : (BUILT_IN_PROFILES.find((p) => p.id === choice.profile)?.name ?? choice.profile);
  const frameworkName =
    choice.framework === AUTO
      ? t.frameworkAuto
      : (BUILT_IN_FRAMEWORKS.find((f) => f.id === choice.framework)?.name ?? choice.framework);
  return (
    <div className="bpa-stack">
      <Field label={t.profile}>
        <Dropdown
          value={profileName}
          selectedOptions={[choice.profile]}
          onOptionSelect={(_e, d) => d.optionValue && onChoice({ ...choice, profile: d.optionValue })}
        >
          <Option value={AUTO}>{t.profileAuto}</Option>
          {BUILT_IN_PROFILES.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t.framework}>
        <Dropdown
          value={frameworkName}
          selectedOptions={[choice.framework]}
          onOptionSelect={(_e, d) => d.optionValue && onChoice({ ...choice, framework: d.optionValue })}
        >
          <Option value={AUTO}>{t.frameworkAuto}</Option>
          {BUILT_IN_FRAMEWORKS.map((f) => (
            <Option key={f.id} value={f.id}>
              {f.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t.jurisdictionChoice} hint={t.jurisdictionFileLabel}>
        <Text data-testid="jurisdiction-name">
          {pkg === null ? t.jurisdictionNone : t.jurisdictionName(pkg.name, pkg.version)}
        </Text>
        <JsonFileInput
          label={t.jurisdictionFileLabel}
          button={t.chooseJsonFile}
          testId="jurisdiction-file"
          onFile={onJurisdictionFile}
        />
        {workbookPackage !== null && (
          <MessageBar
            intent={workbookPackage.used ? 'info' : 'warning'}
            layout="multiline"
            data-testid="jurisdiction-workbook"
          >
            <MessageBarBody>{workbookPackage.text}</MessageBarBody>
          </MessageBar>
        )}
        {(pkg !== null || workbookPackage !== null) && onJurisdictionReset && (
          <Button size="small" onClick={onJurisdictionReset}>
            {t.jurisdictionReset}
          </Button>
        )}
      </Field>
      <Field label={t.libraryChoice} hint={t.libraryFileLabel}>
        <Text data-testid="library-name">
          {library === null
            ? t.libraryBuiltIn(BUILT_IN_LIBRARY.length)
            : t.libraryFromFile(library.name, library.indicators.length)}
        </Text>
        <JsonFileInput
          label={t.libraryFileLabel}
          button={t.chooseJsonFile}
          testId="library-file"
          onFile={onLibraryFile}
        />
        {library !== null && onLibraryReset && (
          <Button size="small" onClick={onLibraryReset}>
            {t.libraryReset}
          </Button>
        )}
      </Field>
      <Field label={t.language}>
        <Dropdown
          value={lang === 'en' ? 'English' : '简体中文'}
          selectedOptions={[lang]}
          data-testid="language"
          onOptionSelect={(_e, d) => onLang(d.optionValue === 'en' ? 'en' : 'zh-CN')}
        >
          <Option value="zh-CN">简体中文</Option>
          <Option value="en">English</Option>
        </Dropdown>
      </Field>
    </div>
  );
}

/**
 * A picker for one JSON file (a jurisdiction package, an indicator library); picking the same file again
 * works. The browser's own file input is hidden: its button and "no file chosen" are in the browser's
 * language, not the pane's.
 */
function JsonFileInput(props: {
  label: string;
  button: string;
  testId: string;
  onFile: ((file: File) => void) | undefined;
}) {
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <div className="bpa-row">
      <Button size="small" onClick={() => input.current?.click()} data-testid={`${props.testId}-button`}>
        {props.button}
      </Button>
      <input
        ref={input}
        className="bpa-hidden-input"
        type="file"
        tabIndex={-1}
        accept=".json,application/json"
        aria-label={props.label}
        data-testid={props.testId}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file && props.onFile) props.onFile(file);
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
