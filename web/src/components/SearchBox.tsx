import { useEffect, useState } from 'react';
import { Input } from 'antd';

export interface SearchBoxProps {
  /** the search currently applied (e.g. from the URL) */
  value?: string;
  /** called on Enter, the search button or clearing; never while typing (IME-safe) */
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/**
 * A text search that fires only on Enter, the search button or the clear icon, so nothing is sent
 * while a Chinese IME is still composing (the Enter that ends a composition does not search).
 */
export function SearchBox({ value, onSearch, placeholder, style, ...rest }: SearchBoxProps) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      value={text}
      onChange={(e) => setText(e.target.value)}
      // antd's Search ignores the Enter that ends an IME composition; the clear icon searches ''
      onSearch={(v) => onSearch(v.trim() || undefined)}
      placeholder={placeholder}
      allowClear
      enterKeyHint="search"
      maxLength={50}
      aria-label={placeholder}
      style={style}
      data-testid={rest['data-testid']}
    />
  );
}
