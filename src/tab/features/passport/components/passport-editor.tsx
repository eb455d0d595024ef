import {
  Body1,
  Button,
  Caption1,
  Card,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import { savePassportBody } from '../../../../contract/passports.ts';
import type { PassportContent } from '../../../../domain/passport.schema.ts';
import { describeError } from '../../../components/describe-error.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { dateTime, longDate } from '../../../components/format.ts';
import { StepStatusBadge } from '../../../components/status-badge.tsx';
import { useUndo } from '../../../components/undo.tsx';
import type { FullPassportAnswer, PassportAnswer } from '../../../../domain/pupil-views.ts';
import { passportKey } from '../../../api/passport.ts';
import { useMarkPassportReviewed } from '../api/mark-passport-reviewed.ts';
import { clearDraft, readDraft, writeDraft } from '../passport-draft.ts';
import {
  passportConflictOf,
  savePassport,
  useSavePassport,
  type PassportConflict,
} from '../api/save-passport.ts';
import {
  baseOf,
  changedFields,
  cleanContent,
  contentOf,
  PASSPORT_FIELD_LABELS,
  type PassportBase,
  type PassportField,
} from '../passport-merge.ts';
import { ChatCardPreview } from './chat-card-preview.tsx';
import { ListField } from './list-field.tsx';
import { MergePanel } from './merge-panel.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    '@media (min-width: 960px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(300px, 2fr)' },
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
  },
  aside: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    '@media (min-width: 960px)': { position: 'sticky', top: tokens.spacingVerticalL },
  },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
});

type Errors = Partial<Record<PassportField, string>>;

/** The same schema the server checks the body with, so both name a field in the same words. */
function validate(content: PassportContent): Errors {
  const result = savePassportBody.safeParse(content);
  if (result.success) return {};
  const errors: Errors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as PassportField;
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * The passport editor: the sections of a one-page profile, a live preview of the chat card, save (a new
 * version) and mark reviewed (the same version with today's review date: staff who read it need not read it
 * again). A save that meets someone else's newer version opens the merge panel instead of overwriting it.
 * Unsaved changes are kept as a draft in this browser tab (sessionStorage) until saved or discarded, so
 * going to another page and back loses nothing; closing or reloading the tab asks first.
 */
export function PassportEditor(props: {
  pupilId: string;
  pupilName: string;
  yearGroup: string | null;
  answer: FullPassportAnswer;
}) {
  const styles = useStyles();
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  const { offerUndo } = useUndo();
  const save = useSavePassport();

  const review = useMarkPassportReviewed();
  const [kept] = useState(() => readDraft(props.pupilId));
  const [base, setBase] = useState<PassportBase>(() =>
    kept
      ? { ...baseOf(props.answer.passport, kept.eTag), content: kept.base }
      : baseOf(props.answer.passport, props.answer.eTag),
  );
  const [draft, setDraft] = useState<PassportContent>(() => kept?.draft ?? contentOf(props.answer.passport));
  const [restored, setRestored] = useState(kept !== undefined);
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState<PassportConflict | undefined>(undefined);
  const [saved, setSaved] = useState<
    { version: number; reviewed: boolean; dueOn?: CalendarDate } | undefined
  >(undefined);
  const savedRef = useRef<HTMLDivElement>(null);

  const dirty = changedFields(base.content, draft).length > 0;

  // Keep what is typed until it is saved or discarded: another page and back, or a reload, loses nothing.
  useEffect(() => {
    if (dirty) writeDraft(props.pupilId, { eTag: base.eTag, base: base.content, draft });
    else clearDraft(props.pupilId);
  }, [dirty, draft, base, props.pupilId]);

  // Closing or reloading the tab with changes unsaved: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // After a save or a review the button pressed is disabled: focus goes to what happened, not the page.
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  // Someone else's save reached us (a refetch) while nothing was typed here: show it.
  if (props.answer.eTag !== base.eTag && !dirty && !save.isPending && !conflict) {
    setBase(baseOf(props.answer.passport, props.answer.eTag));
    setDraft(contentOf(props.answer.passport));
  }

  const set = <K extends keyof PassportContent>(field: K, value: PassportContent[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setSaved(undefined);
    setRestored(false);
  };

  const removeItem =
    (field: 'strengths' | 'whatIFindHard' | 'whatHelpsMe' | 'accessArrangements') =>
    (index: number, removed: string) => {
      const before = draft[field];
      set(
        field,
        before.filter((_, i) => i !== index),
      );
      if (removed.trim() !== '') {
        offerUndo({
          message: `Removed “${removed.trim()}” from ${PASSPORT_FIELD_LABELS[field].toLocaleLowerCase('en-GB')}.`,
          undo: () => {
            setDraft((d) => {
              const items = [...d[field]];
              items.splice(Math.min(index, items.length), 0, removed);
              return { ...d, [field]: items };
            });
            return Promise.resolve();
          },
        });
      }
    };

  const submit = (content: PassportContent, eTag: string | null, reviewOnly: boolean) => {
    const cleaned = cleanContent(content);
    const found = validate(cleaned);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const previous = { content: base.content, version: base.version };
    save.mutate(
      { pupilId: props.pupilId, content: cleaned, expectedETag: eTag },
      {
        onSuccess: (result) => {
          setConflict(undefined);
          setBase(baseOf(result.passport, result.eTag));
          setDraft(contentOf(result.passport));
          setSaved({ version: result.passport.version, reviewed: reviewOnly });
          if (previous.version === 0) return;
          offerUndo({
            message: reviewOnly
              ? `Passport marked as reviewed (version ${result.passport.version}).`
              : `Passport saved as version ${result.passport.version}.`,
            undo: async () => {
              // Undo is a new version with the earlier content: history keeps both, nothing is lost.
              const current = queryClient.getQueryData<PassportAnswer>(passportKey(props.pupilId));
              const eTagNow = current && 'eTag' in current ? current.eTag : result.eTag;
              const restored = await savePassport(api, {
                pupilId: props.pupilId,
                content: cleanContent(previous.content),
                expectedETag: eTagNow,
              });
              setBase(baseOf(restored.passport, restored.eTag));
              setDraft(contentOf(restored.passport));
              setSaved(undefined);
              await queryClient.invalidateQueries({ queryKey: sharedKeys.pupil(props.pupilId) });
            },
          });
        },
        onError: (error) => {
          const found409 = passportConflictOf(error);
          if (found409) setConflict(found409);
        },
      },
    );
  };

  const passport = props.answer.passport;
  const reviewStep = props.answer.reviewStep;
  const failure = save.error && !passportConflictOf(save.error) ? save.error : undefined;
  const reviewConflict = passportConflictOf(review.error);
  const reviewFailure = review.error && !reviewConflict ? review.error : undefined;
  const markReviewed = () => {
    if (!base.eTag) return;
    save.reset();
    review.mutate(
      { pupilId: props.pupilId, expectedETag: base.eTag },
      {
        onSuccess: (result) => {
          setBase(baseOf(result.passport, result.eTag));
          setSaved({ version: result.passport.version, reviewed: true, dueOn: result.passport.reviewDueOn });
        },
      },
    );
  };

  return (
    <div className={styles.layout}>
      <form
        className={styles.form}
        aria-label={`Passport for ${props.pupilName}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(draft, base.eTag, false);
        }}
      >
        <div className={styles.meta} aria-live="polite">
          {passport ? (
            <>
              <Body1>
                Version {passport.version}, reviewed {longDate(passport.reviewedOn)}
                {(passport.updatedBy ?? props.answer.modifiedBy)
                  ? ` by ${passport.updatedBy ?? props.answer.modifiedBy}`
                  : ''}
                .
              </Body1>
              <Body1 className={styles.muted}>Next review due {longDate(passport.reviewDueOn)}</Body1>
              {reviewStep && <StepStatusBadge status={reviewStep.status} />}
            </>
          ) : (
            <Body1>
              This pupil has no passport yet. Write it with them: in their words where you can. Saving makes
              version 1.
            </Body1>
          )}
        </div>

        {conflict && (
          <MergePanel
            conflict={conflict}
            base={base.content}
            mine={draft}
            saving={save.isPending}
            onUseTheirs={() => {
              const theirs = conflict.current;
              setBase(baseOf(theirs?.value ?? null, theirs?.eTag ?? null));
              setDraft(contentOf(theirs?.value));
              setConflict(undefined);
              save.reset();
            }}
            onSaveMerged={(merged) => submit(merged, conflict.current?.eTag ?? null, false)}
          />
        )}

        {failure && (
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The passport was not saved</MessageBarTitle>
              {failure.message} Your changes are still here: try saving again.
            </MessageBarBody>
          </MessageBar>
        )}
        {reviewConflict && (
          <MessageBar intent="warning" role="alert" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Not marked as reviewed</MessageBarTitle>
              {reviewConflict.changedBy ?? 'Someone else'} saved a newer version
              {reviewConflict.changedAt ? ` on ${dateTime(reviewConflict.changedAt)}` : ''}. It is shown below
              once loaded: read it, then mark that version reviewed.
            </MessageBarBody>
          </MessageBar>
        )}
        {reviewFailure && (
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The review was not recorded</MessageBarTitle>
              {describeError(reviewFailure, 'The review').detail}
            </MessageBarBody>
          </MessageBar>
        )}
        {restored && dirty && (
          <MessageBar intent="info" role="status" layout="multiline">
            <MessageBarBody>
              Your unsaved changes from earlier are still here. Save them as a new version, or discard them.
            </MessageBarBody>
          </MessageBar>
        )}
        {saved && !dirty && (
          <MessageBar intent="success" role="status" layout="multiline">
            <MessageBarBody ref={savedRef} tabIndex={-1}>
              {saved.reviewed
                ? `Marked as reviewed today: still version ${saved.version}, so everyone who has read it need not read it again. Next review due ${longDate(saved.dueOn)}.`
                : `Saved: version ${saved.version}, reviewed today.`}
            </MessageBarBody>
          </MessageBar>
        )}

        <Card className={styles.card}>
          <Field
            label="About me"
            hint="A few sentences in the pupil’s words: who they are, what they enjoy."
            required
            validationMessage={errors.aboutMe}
            validationState={errors.aboutMe ? 'error' : 'none'}
          >
            <Textarea
              value={draft.aboutMe}
              resize="vertical"
              rows={4}
              maxLength={2000}
              onChange={(_e, data) => set('aboutMe', data.value)}
            />
          </Field>
          <ListField
            label={PASSPORT_FIELD_LABELS.whatHelpsMe}
            hint="Strategies that work in class. Teachers read these first."
            items={draft.whatHelpsMe}
            onChange={(items) => set('whatHelpsMe', items)}
            onRemove={removeItem('whatHelpsMe')}
            error={errors.whatHelpsMe}
          />
          <ListField
            label={PASSPORT_FIELD_LABELS.strengths}
            items={draft.strengths}
            onChange={(items) => set('strengths', items)}
            onRemove={removeItem('strengths')}
            error={errors.strengths}
          />
          <ListField
            label={PASSPORT_FIELD_LABELS.whatIFindHard}
            items={draft.whatIFindHard}
            onChange={(items) => set('whatIFindHard', items)}
            onRemove={removeItem('whatIFindHard')}
            error={errors.whatIFindHard}
          />
          <Field
            label={PASSPORT_FIELD_LABELS.communication}
            hint="Optional: how the pupil tells you what they need, and how best to talk with them."
            validationMessage={errors.communication}
            validationState={errors.communication ? 'error' : 'none'}
          >
            <Textarea
              value={draft.communication ?? ''}
              resize="vertical"
              rows={3}
              maxLength={2000}
              onChange={(_e, data) => set('communication', data.value)}
            />
          </Field>
          <ListField
            label={PASSPORT_FIELD_LABELS.accessArrangements}
            hint="Arrangements for lessons and tests, e.g. “Extra time (25%)”, “Reader”."
            items={draft.accessArrangements}
            onChange={(items) => set('accessArrangements', items)}
            onRemove={removeItem('accessArrangements')}
            error={errors.accessArrangements}
          />
        </Card>

        <div className={styles.actions}>
          <Button
            type="submit"
            appearance="primary"
            disabled={save.isPending || (!dirty && passport !== null)}
            icon={save.isPending ? <Spinner size="tiny" /> : undefined}
          >
            {passport ? 'Save new version' : 'Save passport'}
          </Button>
          {passport && (
            <Button
              disabledFocusable={save.isPending || review.isPending || dirty}
              icon={review.isPending ? <Spinner size="tiny" /> : undefined}
              onClick={markReviewed}
              title={dirty ? 'Saving your changes also marks the passport as reviewed' : undefined}
            >
              Mark reviewed
            </Button>
          )}
          {dirty && (
            <Button
              appearance="subtle"
              disabled={save.isPending}
              onClick={() => {
                const previous = draft;
                setDraft(base.content);
                setErrors({});
                setRestored(false);
                offerUndo({
                  message: 'Your changes were discarded.',
                  undo: () => {
                    setDraft(previous);
                    return Promise.resolve();
                  },
                });
              }}
            >
              Discard changes
            </Button>
          )}
          {dirty && <Caption1 className={styles.muted}>Unsaved changes</Caption1>}
        </div>
      </form>

      <aside className={styles.aside} aria-label="Chat card preview">
        <Subtitle2 as="h2">Preview</Subtitle2>
        <ChatCardPreview
          pupilName={props.pupilName}
          yearGroup={props.yearGroup}
          content={draft}
          version={dirty || !passport ? (passport?.version ?? 0) + 1 : passport.version}
        />
        {props.answer.modifiedAt && (
          <Caption1 className={styles.muted}>Last saved {dateTime(props.answer.modifiedAt)}</Caption1>
        )}
      </aside>
    </div>
  );
}
