
-- Houses and real-estate units (房屋/空间库), located in CGCS2000 (EPSG:4490).
CREATE TABLE houses (
  estate_unit estate_unit PRIMARY KEY,
  address text NOT NULL CHECK (address <> ''),
  location geometry(Point, 4490) NOT NULL,
  floor_area numeric(10, 2) CHECK (floor_area > 0),
  use text CHECK (use IN ('residential', 'commercial', 'industrial', 'other')),
  source_department text NOT NULL REFERENCES departments,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record_version bigint NOT NULL DEFAULT 1
);
COMMENT ON TABLE houses IS 'houses and real-estate units (房屋/空间库), located in CGCS2000';
CREATE INDEX houses_location ON houses USING gist (location);
SELECT pg_catalog.pg_extension_config_dump('houses', '');
CREATE TRIGGER houses_changed BEFORE UPDATE ON houses
  FOR EACH ROW EXECUTE FUNCTION registry_row_changed();
