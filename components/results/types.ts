import type { Offer } from '@/lib/flights/types';

export interface SearchMeta {
  total: number;
  matching: number;
  sort: string;
  stops: { stops: number; count: number; min_price_minor: number }[];
  airlines: { airline: string; name: string; count: number; min_price_minor: number }[];
  price: { min_minor: number; max_minor: number } | null;
  duration: { min_minutes: number; max_minutes: number } | null;
}

export interface SearchPage {
  data: Offer[];
  nextCursor: string | null;
  meta: SearchMeta;
}

export interface CalendarDay {
  date: string;
  return_date?: string;
  min_price_minor: number | null;
  currency: string;
  offers: number;
}
