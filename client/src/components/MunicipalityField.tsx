import { municipalityOptions } from '../domain/municipalities';
import { TextField, type TextFieldProps } from './fields';

/**
 * A municipality code input (a form field or a filter) with the known municipalities as suggestions; any other
 * 3-digit code can still be typed. `list` names the suggestions, unique on the page.
 */
export function MunicipalityField({ list, ...input }: Omit<TextFieldProps, 'list' | 'inputMode'> & { list: string }) {
  return (
    <>
      <TextField inputMode="numeric" list={list} {...input} />
      <datalist id={list}>
        {municipalityOptions.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </datalist>
    </>
  );
}
