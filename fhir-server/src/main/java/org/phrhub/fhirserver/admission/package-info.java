/** Which requests a node works on at once: bulk writers take turns, so readers always find a database connection. */
package org.phrhub.fhirserver.admission;
