import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { BookableKind } from '../../../../contract/bookings.ts';
import { BookMeetingDialog } from './book-meeting-dialog.tsx';

/**
 * "Book …" and its dialog. Each opening is a new booking (a new request id); closing returns focus to the
 * button; what was booked is announced beside it and takes the focus.
 */
export function BookMeetingButton(props: {
  pupilId: string;
  kind: BookableKind;
  label?: string;
  /** Leave the button out (the review is booked already); a booking just made is still announced. */
  hideButton?: boolean;
}) {
  const [opening, setOpening] = useState(0);
  const [open, setOpen] = useState(false);
  const [booked, setBooked] = useState<string | undefined>();
  const button = useRef<HTMLButtonElement>(null);
  const message = useRef<HTMLDivElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  // Once booked, focus goes to what was booked (the button may be gone: the review is booked now).
  useEffect(() => {
    if (booked) message.current?.focus();
  }, [booked]);
  return (
    <>
      {!props.hideButton && (
        <Button
          ref={button}
          appearance="primary"
          onClick={() => {
            setOpening((n) => n + 1);
            setBooked(undefined);
            setOpen(true);
          }}
        >
          {props.label ??
            (props.kind === 'annual-review' ? 'Book the annual review' : 'Book a multi-agency meeting')}
        </Button>
      )}
      {booked && (
        <MessageBar intent="success" role="status" ref={message} tabIndex={-1}>
          <MessageBarBody>{booked}</MessageBarBody>
        </MessageBar>
      )}
      {opening > 0 && (
        <BookMeetingDialog
          key={opening}
          pupilId={props.pupilId}
          kind={props.kind}
          open={open}
          onClose={close}
          onBooked={(text) => {
            setOpen(false);
            setBooked(text);
          }}
        />
      )}
    </>
  );
}
