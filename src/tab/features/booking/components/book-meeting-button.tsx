import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { BookableKind } from '../../../../contract/bookings.ts';
import { BookMeetingDialog } from './book-meeting-dialog.tsx';

/**
 * "Book …" and its dialog. Each opening is a new booking (a new request id); closing returns focus to the
 * button, and what was booked is announced beside it.
 */
export function BookMeetingButton(props: { pupilId: string; kind: BookableKind; label?: string }) {
  const [opening, setOpening] = useState(0);
  const [open, setOpen] = useState(false);
  const [booked, setBooked] = useState<string | undefined>();
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
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
      {booked && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{booked}</MessageBarBody>
        </MessageBar>
      )}
      {open && (
        <BookMeetingDialog
          key={opening}
          pupilId={props.pupilId}
          kind={props.kind}
          open={open}
          onClose={close}
          onBooked={(message) => {
            setBooked(message);
            close();
          }}
        />
      )}
    </>
  );
}
