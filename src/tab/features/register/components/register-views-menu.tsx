import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from '@fluentui/react-components';
import { useState } from 'react';
import { BUILT_IN_VIEWS, type SavedView } from '../saved-views.ts';

/** Saved views: apply one, save the current filters under a name, or delete one of your own (with undo). */
export function RegisterViewsMenu(props: {
  views: SavedView[];
  onApply: (view: SavedView) => void;
  onSave: (name: string) => void;
  onDelete: (view: SavedView) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const clash = props.views.some(
    (v) => v.name.toLocaleLowerCase('en-GB') === trimmed.toLocaleLowerCase('en-GB'),
  );

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button>Saved views</Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuGroup>
              <MenuGroupHeader>Built in</MenuGroupHeader>
              {BUILT_IN_VIEWS.map((view) => (
                <MenuItem key={view.id} onClick={() => props.onApply(view)}>
                  {view.name}
                </MenuItem>
              ))}
            </MenuGroup>
            {props.views.length > 0 && (
              <>
                <MenuDivider />
                <MenuGroup>
                  <MenuGroupHeader>Yours</MenuGroupHeader>
                  {props.views.map((view) => (
                    <MenuItem key={view.id} onClick={() => props.onApply(view)}>
                      {view.name}
                    </MenuItem>
                  ))}
                </MenuGroup>
                <MenuDivider />
                <MenuGroup>
                  <MenuGroupHeader>Delete a view</MenuGroupHeader>
                  {props.views.map((view) => (
                    <MenuItem key={view.id} onClick={() => props.onDelete(view)}>
                      Delete “{view.name}”
                    </MenuItem>
                  ))}
                </MenuGroup>
              </>
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
      <Button
        onClick={() => {
          setName('');
          setSaving(true);
        }}
      >
        Save as a view
      </Button>
      <Dialog open={saving} onOpenChange={(_e, data) => setSaving(data.open)}>
        <DialogSurface>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!trimmed || clash) return;
              props.onSave(trimmed);
              setSaving(false);
            }}
          >
            <DialogBody>
              <DialogTitle>Save this view</DialogTitle>
              <DialogContent>
                <Field
                  label="Name"
                  hint="For example “Year 6 EHC reviews”."
                  validationMessage={clash ? 'You already have a view with this name.' : undefined}
                  validationState={clash ? 'error' : 'none'}
                >
                  <Input value={name} maxLength={60} onChange={(_e, data) => setName(data.value)} />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setSaving(false)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={!trimmed || clash}>
                  Save view
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </>
  );
}
