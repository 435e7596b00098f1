/** What a client sends the hub besides FHIR resources: SS-MIX2 storage trees as the zip the import takes. */
package org.phrhub.client.upload;
