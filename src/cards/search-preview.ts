import { yearAndClassesPhrase } from '../domain/year-group.ts';
import { cleanText } from './card-text.ts';

/**
 * A search result as the searcher sees it in the message extension's list: the pupil's name, year and class,
 * nothing else. Teams shows a Thumbnail card as the preview of each result; only its `tap` of type `invoke`
 * works there, and choosing it sends `composeExtension/selectItem` with the tap's value:
 * https://learn.microsoft.com/en-us/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search
 * Teams formats only a card's `text`, never its title or subtitle, so people's text goes in those.
 */
export type ThumbnailPreview = {
  contentType: 'application/vnd.microsoft.card.thumbnail';
  content: { title: string; subtitle: string; tap: { type: 'invoke'; value: SelectedPupil } };
};

/** What selectItem receives back. */
export type SelectedPupil = { pupilId: string };

export function searchResultPreview(result: {
  pupilId: string;
  displayName: string;
  yearGroupLabel: string | undefined;
  classNames: readonly string[];
}): ThumbnailPreview {
  const classNames = result.classNames.map((c) => cleanText(c, { maxLength: 60 })).filter((c) => c !== '');
  const subtitle = result.yearGroupLabel
    ? yearAndClassesPhrase(result.yearGroupLabel, classNames)
    : classNames.join(', ');
  return {
    contentType: 'application/vnd.microsoft.card.thumbnail',
    content: {
      title: cleanText(result.displayName, { maxLength: 80 }),
      subtitle,
      tap: { type: 'invoke', value: { pupilId: result.pupilId } },
    },
  };
}
