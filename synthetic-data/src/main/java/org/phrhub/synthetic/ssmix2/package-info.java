/**
 * Deterministic synthetic data for demos and benchmarks: made-up residents of one city and their history at
 * one hospital, as SS-MIX2 standardized storage and as FHIR R4 transaction Bundles.
 *
 * <pre>{@code
 * List<SyntheticResident> residents = SyntheticResident.residents(1000, 7);
 * SyntheticHistory plan = SyntheticHistory.monthly(LocalDate.of(2024, 4, 1), 12, 42);
 *
 * // SS-MIX2: root/aaa/bbb/patientId/date/dataType/file, ISO-2022-JP HL7 v2.5
 * SyntheticStorage.write(Path.of("ssmix2"), residents, plan);
 *
 * // the same histories, one transaction Bundle per resident
 * List<Bundle> bundles = SyntheticBundles.bundles(residents, plan, "1311234567");
 * }</pre>
 *
 * The same seeds, plan and resident order give byte-identical files and identical Bundles. The codes come
 * from a small fixed catalogue ({@link org.phrhub.synthetic.ssmix2.SyntheticCatalogue}); the values are
 * plausible, not clinically meaningful.
 */
package org.phrhub.synthetic.ssmix2;
