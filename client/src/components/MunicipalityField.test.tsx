import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MunicipalityField } from './MunicipalityField';

describe('MunicipalityField', () => {
  it('is a numeric input suggesting the known municipalities from its own list', () => {
    render(<MunicipalityField id="member-municipalityCode" label="Kunta" hint="Kolminumeroinen kuntanumero" required list="municipality-codes" value="564" onChange={() => {}} />);
    const input = screen.getByLabelText(/Kunta/);
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('list', 'municipality-codes');
    expect(input).toHaveAttribute('aria-required', 'true');
    expect(input).toHaveValue('564');
    expect(input).toHaveAccessibleDescription('Kolminumeroinen kuntanumero');
    const list = document.getElementById('municipality-codes');
    expect(list?.tagName).toBe('DATALIST');
    const oulu = list?.querySelector('option[value="564"]');
    expect(oulu).toHaveTextContent('Oulu');
  });

  it('shows its errors and passes what is typed on', async () => {
    const onChange = vi.fn();
    render(<MunicipalityField id="filter-municipality" label="Kunta" maxLength={3} list="filter-codes" value="" errors={['Kuntanumerossa on kolme numeroa.']} onChange={onChange} />);
    const input = screen.getByLabelText('Kunta');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('maxlength', '3');
    expect(screen.getByText('Kuntanumerossa on kolme numeroa.')).toBeInTheDocument();
    await userEvent.type(input, '9');
    expect(onChange).toHaveBeenCalled();
  });
});
