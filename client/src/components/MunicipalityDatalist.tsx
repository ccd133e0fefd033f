import { municipalityOptions } from '../domain/municipalities';

/** Suggestions for a municipality code input; any other 3-digit code can still be typed. */
export function MunicipalityDatalist({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {municipalityOptions.map((m) => (
        <option key={m.code} value={m.code}>
          {m.name}
        </option>
      ))}
    </datalist>
  );
}
