/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dossier at a revision (libgit2 object database) or as a folder. */
#ifndef PA_DOSSIER_DOSSIER_H
#define PA_DOSSIER_DOSSIER_H

/* Initialise libgit2 once (main(), before threads) and lock it down. */
int pa_dossier_global_init(void);
void pa_dossier_global_cleanup(void);

#endif
